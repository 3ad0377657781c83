package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.chain.dev.DevChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RewardContractsTest {
    @RegisterExtension
    final ChainFixture f = new ChainFixture();

    @Test
    void onlyMinterRoleHoldersMint() {
        SigningKey outsider = DevChain.devAccount(5);
        EvmAddress recipient = ChainFixture.freshAddress(1);

        f.admin.mint(f.deployer, f.contracts.rewardToken(), recipient, ChainFixture.TOKEN);
        assertThat(f.balance(recipient)).isEqualTo(ChainFixture.TOKEN);

        assertThatThrownBy(() -> f.admin.mint(outsider, f.contracts.rewardToken(), recipient, ChainFixture.TOKEN))
                .isInstanceOf(ChainRequestException.class);

        f.admin.grantRole(f.deployer, f.contracts.rewardToken(), RewardContracts.MINTER_ROLE, EvmAddress.of(outsider));
        f.admin.mint(outsider, f.contracts.rewardToken(), recipient, ChainFixture.TOKEN);
        assertThat(f.balance(recipient)).isEqualTo(ChainFixture.TOKEN.multiply(BigInteger.TWO));
    }

    @Test
    void batchPaysEveryRecipientItsAmountFromThePayer() {
        f.fundTreasury(ChainFixture.TOKEN.multiply(BigInteger.valueOf(1000)));
        assertThat(f.payouts.allowance(f.treasuryAddress()))
                .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
        List<Payout> payouts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            payouts.add(new Payout(ChainFixture.freshAddress(100 + i), BigInteger.valueOf(1_000 + i)));
        }
        PayoutBatch batch = new PayoutBatch(Bytes32.fromUuid(UUID.randomUUID()), payouts);
        BigInteger before = f.balance(f.treasuryAddress());

        new AdminSender(f.client).send(f.treasury, f.payouts.payBatchCall(f.treasuryAddress(), batch));

        for (Payout payout : payouts) {
            assertThat(f.balance(payout.recipient())).isEqualTo(payout.amount());
        }
        assertThat(f.balance(f.treasuryAddress())).isEqualTo(before.subtract(batch.total()));
        assertThat(f.balance(f.contracts.payoutBatcher())).isZero();
        assertThat(f.payouts.isPaid(f.treasuryAddress(), batch.id())).isTrue();
        // An unlimited allowance is never written down, which is what keeps the per-recipient gas low.
        assertThat(f.payouts.allowance(f.treasuryAddress()))
                .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    }

    @Test
    void amountsBeyondNinetySixBitsAreRefusedBeforeEncoding() {
        PayoutBatch batch = new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()),
                List.of(new Payout(ChainFixture.freshAddress(1), BigInteger.TWO.pow(96))));

        assertThatThrownBy(() -> f.payouts.payBatchCall(batch, BigInteger.valueOf(100_000)))
                .isInstanceOf(IllegalArgumentException.class);
        // The largest amount still fits, packed above the recipient in one word.
        ContractCall largest = f.payouts.payBatchCall(
                new PayoutBatch(
                        batch.id(),
                        List.of(new Payout(
                                ChainFixture.freshAddress(1),
                                BigInteger.TWO.pow(96).subtract(BigInteger.ONE)))),
                BigInteger.valueOf(100_000));
        assertThat(largest.data())
                .endsWith("f".repeat(24) + ChainFixture.freshAddress(1).hex().substring(2));
    }

    @Test
    void reusedBatchIdRevertsAndPaysNothingMore() {
        f.fundTreasury(ChainFixture.TOKEN);
        EvmAddress member = ChainFixture.freshAddress(7);
        PayoutBatch batch = new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()), List.of(new Payout(member, BigInteger.valueOf(500))));
        ContractCall call = f.payouts.payBatchCall(f.treasuryAddress(), batch);
        new AdminSender(f.client).send(f.treasury, call);

        // The estimate already refuses the second batch ...
        assertThatThrownBy(() -> f.payouts.payBatchCall(f.treasuryAddress(), batch))
                .isInstanceOf(ChainRequestException.class);
        // ... and a transaction forced through anyway reverts on chain.
        SignedTransaction again =
                f.signer.sign(f.treasury, call, f.client.pendingNonce(f.treasuryAddress()), f.client.suggestFees());
        // Hardhat's automine answers a reverting transaction with the revert message, yet mines it.
        assertThat(f.broadcaster.broadcast(again).inNodeHands()).isTrue();
        new AdminSender(f.client).awaitReceipt(again.hash());
        assertThat(new ReceiptWatcher(f.client).check(again.hash()).status()).isEqualTo(ReceiptState.Status.FAILED);
        assertThat(f.balance(member)).isEqualTo(BigInteger.valueOf(500));
    }

    @Test
    void sameBatchIdIsIndependentPerPayer() {
        f.fundTreasury(ChainFixture.TOKEN);
        SigningKey otherTenant = DevChain.devAccount(2);
        f.admin.mint(f.deployer, f.contracts.rewardToken(), EvmAddress.of(otherTenant), ChainFixture.TOKEN);
        new AdminSender(f.client).send(otherTenant, f.payouts.approveBatcherCall());
        Bytes32 sharedId = Bytes32.fromUuid(UUID.randomUUID());
        PayoutBatch batch =
                new PayoutBatch(sharedId, List.of(new Payout(ChainFixture.freshAddress(8), BigInteger.ONE)));

        new AdminSender(f.client).send(f.treasury, f.payouts.payBatchCall(f.treasuryAddress(), batch));
        new AdminSender(f.client).send(otherTenant, f.payouts.payBatchCall(EvmAddress.of(otherTenant), batch));

        assertThat(f.balance(ChainFixture.freshAddress(8))).isEqualTo(BigInteger.TWO);
    }

    @Test
    void batchBeyondThePayersBalanceIsRefusedBeforeSigning() {
        f.fundTreasury(BigInteger.valueOf(100));
        PayoutBatch batch = new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()),
                List.of(new Payout(ChainFixture.freshAddress(9), BigInteger.valueOf(101))));

        assertThatThrownBy(() -> f.payouts.payBatchCall(f.treasuryAddress(), batch))
                .isInstanceOf(ChainRequestException.class);
        assertThat(f.payouts.isPaid(f.treasuryAddress(), batch.id())).isFalse();
    }

    @Test
    void registryAnchorsARootOnceWithItsMetadata() {
        ProvenanceAnchor anchor = new ProvenanceAnchor(f.client, f.contracts.provenanceRegistry());
        EvmAddress anchorer = EvmAddress.of(f.deployer);
        Bytes32 root = Bytes32.keccakOf("release-7 merkle root");
        Bytes32 release = Bytes32.fromUuid(UUID.randomUUID());
        String metadata = "{\"datanet\":\"medical-qa\",\"release\":7,\"leaves\":1200}";
        long from = f.client.latestBlockNumber();

        assertThat(anchor.isAnchored(root)).isFalse();
        assertThat(anchor.anchorOf(root)).isEmpty();
        new AdminSender(f.client)
                .send(f.deployer, anchor.anchorCall(anchorer, root, AnchorKind.DATANET_RELEASE, release, metadata));

        assertThat(anchor.isAnchored(root)).isTrue();
        Optional<AnchoredRoot> stored = anchor.anchorOf(root);
        assertThat(stored).isPresent();
        assertThat(stored.get().subject()).isEqualTo(release);
        assertThat(stored.get().kind()).isEqualTo(AnchorKind.DATANET_RELEASE);
        assertThat(stored.get().anchorer()).isEqualTo(anchorer);
        assertThat(stored.get().metadataHash()).isEqualTo(Bytes32.keccakOf(metadata));
        List<AnchoredRoot> events = anchor.anchoredRoots(from, f.client.latestBlockNumber());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.root()).isEqualTo(root);
            assertThat(event.metadata()).isEqualTo(metadata);
            assertThat(event.blockNumber()).isEqualTo(stored.get().blockNumber());
        });

        assertThatThrownBy(() -> anchor.anchorCall(
                        anchorer, root, AnchorKind.ATTRIBUTION_BATCH, Bytes32.keccakOf("other"), "again"))
                .isInstanceOf(ChainRequestException.class)
                .hasMessageContaining("0x30d23813"); // selector of AlreadyAnchored(bytes32)
        assertThat(anchor.anchorOf(root).get().kind()).isEqualTo(AnchorKind.DATANET_RELEASE);
    }

    @Test
    void onlyAnchorersAnchor() {
        ProvenanceAnchor anchor = new ProvenanceAnchor(f.client, f.contracts.provenanceRegistry());
        SigningKey outsider = DevChain.devAccount(6);

        assertThatThrownBy(() -> anchor.anchorCall(
                        EvmAddress.of(outsider),
                        Bytes32.keccakOf("attribution batch 1"),
                        AnchorKind.ATTRIBUTION_BATCH,
                        Bytes32.keccakOf("batch-1"),
                        "{}"))
                .isInstanceOf(ChainRequestException.class);
    }
}
