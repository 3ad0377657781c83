package io.tributary.chain.internal;

import io.tributary.chain.ChainClient;
import io.tributary.chain.ChainEndpoint;
import io.tributary.chain.DeployedContracts;
import io.tributary.chain.RewardContracts;
import io.tributary.chain.SigningKey;
import java.net.URI;

/**
 * Command line: deploys RewardToken, PayoutBatcher and ProvenanceRegistry to any EVM chain and prints the settings the
 * server needs, as environment variable lines for a compose {@code .env} file. The deployer's key (environment
 * variable TRIBUTARY_DEPLOYER_KEY) holds every admin, minter and anchorer role afterwards; use it as the operator key.
 *
 * <pre>
 * TRIBUTARY_DEPLOYER_KEY=0x… mvn -q -pl chain-bridge exec:java@deploy-contracts -Dchain.rpc=http://localhost:8545
 * </pre>
 */
public final class DeployContracts {

    private DeployContracts() {}

    public static void main(String[] args) {
        String rpc = System.getProperty("chain.rpc", "http://localhost:8545");
        String key = System.getenv("TRIBUTARY_DEPLOYER_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("Set TRIBUTARY_DEPLOYER_KEY to the deploying account's private key (0x…).");
            System.exit(2);
        }
        try (ChainClient probe = ChainClient.connect(new ChainEndpoint(URI.create(rpc), 1, 1))) {
            long chainId = probe.chainIdReportedByNode();
            try (ChainClient client = ChainClient.connect(new ChainEndpoint(URI.create(rpc), chainId, 1))) {
                DeployedContracts deployed =
                        new RewardContracts(client).deploy(SigningKey.ofHex(key.strip()), "Tributary Reward", "TRIB");
                System.out.println("TRIBUTARY_CHAIN_ID=" + chainId);
                System.out.println(
                        "TRIBUTARY_CHAIN_TOKEN=" + deployed.rewardToken().hex());
                System.out.println(
                        "TRIBUTARY_CHAIN_BATCHER=" + deployed.payoutBatcher().hex());
                System.out.println("TRIBUTARY_CHAIN_REGISTRY="
                        + deployed.provenanceRegistry().hex());
                System.out.println("TRIBUTARY_CHAIN_START_BLOCK=" + deployed.deployedAtBlock());
            }
        }
    }
}
