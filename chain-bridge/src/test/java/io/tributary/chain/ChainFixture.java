package io.tributary.chain;

import io.tributary.chain.dev.DevChain;
import java.math.BigInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test: fresh contracts on the shared dev chain, a client with confirmation depth 1 and the usual actors. The
 * chain's automine is switched back on after each test so that one test's setting cannot leak into the next.
 */
public final class ChainFixture implements BeforeEachCallback, AfterEachCallback {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    DevChain chain;
    ChainClient client;
    DeployedContracts contracts;
    RewardContracts admin;
    TransactionSigner signer;
    TransactionBroadcaster broadcaster;
    PayoutSender payouts;
    final SigningKey deployer = DevChain.devAccount(0);
    /** A tenant's custodial treasury wallet. */
    final SigningKey treasury = DevChain.devAccount(1);

    @Override
    public void beforeEach(ExtensionContext context) {
        chain = SharedDevChain.get(context);
        client = ChainClient.connect(chain.endpoint(1));
        admin = new RewardContracts(client);
        contracts = admin.deploy(deployer, "Tributary Reward", "TRIB");
        signer = new TransactionSigner(DevChain.CHAIN_ID);
        broadcaster = new TransactionBroadcaster(client);
        payouts = new PayoutSender(client, contracts.rewardToken(), contracts.payoutBatcher());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        chain.setAutomine(true);
        client.close();
    }

    ChainClient client(int confirmations) {
        return ChainClient.connect(chain.endpoint(confirmations));
    }

    EvmAddress treasuryAddress() {
        return EvmAddress.of(treasury);
    }

    BigInteger balance(EvmAddress owner) {
        return client.tokenBalance(contracts.rewardToken(), owner, client.latestBlockNumber());
    }

    /** Mints to the treasury and lets the batcher spend it, as the server does when a tenant wallet is created. */
    void fundTreasury(BigInteger amount) {
        admin.mint(deployer, contracts.rewardToken(), treasuryAddress(), amount);
        new AdminSender(client).send(treasury, payouts.approveBatcherCall());
    }

    /** Signs with the node's mined nonce: the tests play the server, whose database would hold the same number. */
    SignedTransaction signPayout(PayoutBatch batch) {
        ContractCall call = payouts.payBatchCall(treasuryAddress(), batch);
        return signer.sign(treasury, call, client.pendingNonce(treasuryAddress()), client.suggestFees());
    }

    static EvmAddress freshAddress(int seed) {
        return EvmAddress.of(String.format("0x%040x", BigInteger.valueOf(0xC0FFEE00L + seed)));
    }
}
