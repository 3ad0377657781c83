package io.tributary.chain.dev;

import io.tributary.chain.AdminSender;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ChainClient;
import io.tributary.chain.DeployedContracts;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.Payout;
import io.tributary.chain.PayoutBatch;
import io.tributary.chain.PayoutSender;
import io.tributary.chain.RewardContracts;
import io.tributary.chain.SigningKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Measures PayoutBatcher gas per recipient on a fresh dev chain and prints JSON. Each size is paid twice to the same
 * recipients: first as new token holders (their balance slot goes from zero, the expensive case every first payout
 * hits), then as existing holders.
 *
 * <p>Usage: {@code GasBenchmark [sizes...]} (default 1 10 100 300) with {@code -Dtributary.chain.hardhatHome=<chain-bridge folder>}.
 */
public final class GasBenchmark {
    private static final int[] DEFAULT_SIZES = {1, 10, 100, 300};

    private GasBenchmark() {}

    /** One measured batch size. */
    public record Result(int recipients, long newHoldersGas, long existingHoldersGas) {
        public long newHoldersPerRecipient() {
            return newHoldersGas / recipients;
        }

        public long existingHoldersPerRecipient() {
            return existingHoldersGas / recipients;
        }
    }

    public static void main(String[] args) {
        // Sizes may arrive as one argument ("1 10 100") from Maven or as separate ones from a shell.
        int[] sizes = java.util.Arrays.stream(String.join(" ", args).trim().split("\\s+"))
                .filter(size -> !size.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
        if (sizes.length == 0) {
            sizes = DEFAULT_SIZES;
        }
        try (DevChain chain = DevChain.start();
                ChainClient client = ChainClient.connect(chain.endpoint(1))) {
            List<Result> results = measure(client, sizes);
            System.out.println(toJson(results));
        }
    }

    /** Deploys fresh contracts on {@code client}'s chain (a dev chain: it uses the well-known keys) and measures. */
    public static List<Result> measure(ChainClient client, int... sizes) {
        SigningKey deployer = DevChain.devAccount(0);
        SigningKey payer = DevChain.devAccount(1);
        RewardContracts admin = new RewardContracts(client);
        DeployedContracts contracts = admin.deploy(deployer, "Benchmark Reward", "BENCH");
        PayoutSender sender = new PayoutSender(client, contracts.rewardToken(), contracts.payoutBatcher());
        AdminSender adminSender = new AdminSender(client);
        admin.mint(deployer, contracts.rewardToken(), EvmAddress.of(payer), BigInteger.TEN.pow(30));
        adminSender.send(payer, sender.approveBatcherCall());

        List<Result> results = new ArrayList<>();
        int nextRecipient = 1;
        for (int size : sizes) {
            List<Payout> payouts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                // Realistic amounts: a few tokens with 18 decimals, all different.
                BigInteger amount =
                        BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(3)).add(BigInteger.valueOf(i));
                payouts.add(new Payout(recipient(nextRecipient++), amount));
            }
            long first = pay(adminSender, sender, payer, payouts);
            long second = pay(adminSender, sender, payer, payouts);
            results.add(new Result(size, first, second));
        }
        return results;
    }

    private static long pay(AdminSender adminSender, PayoutSender sender, SigningKey payer, List<Payout> payouts) {
        PayoutBatch batch = new PayoutBatch(Bytes32.fromUuid(UUID.randomUUID()), payouts);
        return adminSender
                .send(payer, sender.payBatchCall(EvmAddress.of(payer), batch))
                .gasUsed()
                .longValueExact();
    }

    // Deterministic, distinct, non-precompile addresses with mostly non-zero bytes, like real ones.
    private static EvmAddress recipient(int index) {
        BigInteger value = BigInteger.valueOf(index).multiply(new BigInteger("9e3779b97f4a7c15f39cc0605cedc835", 16));
        String hex = value.toString(16);
        hex = hex.length() > 40 ? hex.substring(hex.length() - 40) : "1".repeat(40 - hex.length()) + hex;
        return EvmAddress.of("0x" + hex);
    }

    static String toJson(List<Result> results) {
        StringBuilder json = new StringBuilder("{\"contract\":\"PayoutBatcher\",\"optimizerRuns\":200,\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"recipients\":%d,\"newHolders\":{\"gasUsed\":%d,\"perRecipient\":%d},"
                                    + "\"existingHolders\":{\"gasUsed\":%d,\"perRecipient\":%d}}",
                            r.recipients(),
                            r.newHoldersGas(),
                            r.newHoldersPerRecipient(),
                            r.existingHoldersGas(),
                            r.existingHoldersPerRecipient()));
        }
        return json.append("]}").toString();
    }
}
