package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.dev.DevChain;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/** What reconciliation and deposit crediting read: Transfer events, BatchPaid events, balances at a block. */
class ChainReadingTest {
    @RegisterExtension
    final ChainFixture f = new ChainFixture();

    private void transfer(SigningKey from, EvmAddress to, long amount) {
        Function transfer = new Function(
                "transfer", List.of(new Address(to.hex()), new Uint256(BigInteger.valueOf(amount))), List.of());
        new AdminSender(f.client).send(from, f.contracts.rewardToken(), FunctionEncoder.encode(transfer));
    }

    @Test
    void depositsToCustodialAddressesAreFoundAndOthersAreNot() {
        SigningKey member = DevChain.devAccount(3);
        EvmAddress tenantA = ChainFixture.freshAddress(10);
        EvmAddress tenantB = ChainFixture.freshAddress(11);
        EvmAddress somebodyElse = ChainFixture.freshAddress(12);
        f.admin.mint(f.deployer, f.contracts.rewardToken(), EvmAddress.of(member), BigInteger.valueOf(1_000));
        long from = f.client.latestBlockNumber() + 1;

        transfer(member, tenantA, 100);
        transfer(member, somebodyElse, 50);
        transfer(member, tenantB, 30);
        transfer(member, tenantA, 7);

        List<TokenTransfer> deposits = f.client.tokenTransfersTo(
                f.contracts.rewardToken(), Set.of(tenantA, tenantB), from, f.client.latestBlockNumber());
        assertThat(deposits).extracting(TokenTransfer::to).containsExactly(tenantA, tenantB, tenantA);
        assertThat(deposits)
                .extracting(TokenTransfer::amount)
                .containsExactly(BigInteger.valueOf(100), BigInteger.valueOf(30), BigInteger.valueOf(7));
        assertThat(deposits).allSatisfy(d -> assertThat(d.from()).isEqualTo(EvmAddress.of(member)));
        assertThat(deposits).extracting(TokenTransfer::transactionHash).doesNotHaveDuplicates();
        // A range that ends before the last deposit does not see it.
        assertThat(f.client.tokenTransfersTo(
                        f.contracts.rewardToken(),
                        Set.of(tenantA),
                        from,
                        deposits.get(2).blockNumber() - 1))
                .hasSize(1);
    }

    @Test
    void depositsCountOnlyUpToTheConfirmedBlock() {
        SigningKey member = DevChain.devAccount(3);
        EvmAddress tenant = ChainFixture.freshAddress(13);
        f.admin.mint(f.deployer, f.contracts.rewardToken(), EvmAddress.of(member), BigInteger.valueOf(10));
        try (ChainClient twoDeep = f.client(2)) {
            long from = twoDeep.latestBlockNumber() + 1;
            transfer(member, tenant, 10);

            assertThat(twoDeep.tokenTransfersTo(
                            f.contracts.rewardToken(), Set.of(tenant), from, twoDeep.confirmedBlockNumber()))
                    .isEmpty();
            f.chain.mine(1);
            assertThat(twoDeep.tokenTransfersTo(
                            f.contracts.rewardToken(), Set.of(tenant), from, twoDeep.confirmedBlockNumber()))
                    .hasSize(1);
        }
    }

    @Test
    void balanceOfIsReadAtTheRequestedBlock() {
        EvmAddress holder = ChainFixture.freshAddress(14);
        f.admin.mint(f.deployer, f.contracts.rewardToken(), holder, BigInteger.valueOf(5));
        long afterFirstMint = f.client.latestBlockNumber();
        f.admin.mint(f.deployer, f.contracts.rewardToken(), holder, BigInteger.valueOf(6));

        assertThat(f.client.tokenBalance(f.contracts.rewardToken(), holder, afterFirstMint - 1))
                .isZero();
        assertThat(f.client.tokenBalance(f.contracts.rewardToken(), holder, afterFirstMint))
                .isEqualTo(5);
        assertThat(f.client.tokenBalance(f.contracts.rewardToken(), holder, f.client.latestBlockNumber()))
                .isEqualTo(11);
    }

    @Test
    void paidBatchesReportIdPayerCountAndTotalPerPayer() {
        f.fundTreasury(ChainFixture.TOKEN);
        SigningKey otherTenant = DevChain.devAccount(2);
        f.admin.mint(f.deployer, f.contracts.rewardToken(), EvmAddress.of(otherTenant), ChainFixture.TOKEN);
        new AdminSender(f.client).send(otherTenant, f.payouts.approveBatcherCall());
        UUID runA = UUID.randomUUID();
        PayoutBatch ours = new PayoutBatch(
                Bytes32.fromUuid(runA),
                List.of(
                        new Payout(ChainFixture.freshAddress(20), BigInteger.valueOf(3)),
                        new Payout(ChainFixture.freshAddress(21), BigInteger.valueOf(4))));
        PayoutBatch theirs = new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()),
                List.of(new Payout(ChainFixture.freshAddress(22), BigInteger.valueOf(9))));
        new AdminSender(f.client).send(f.treasury, f.payouts.payBatchCall(f.treasuryAddress(), ours));
        new AdminSender(f.client).send(otherTenant, f.payouts.payBatchCall(EvmAddress.of(otherTenant), theirs));
        long to = f.client.latestBlockNumber();

        assertThat(f.client.paidBatches(
                        f.contracts.payoutBatcher(), Optional.empty(), f.contracts.deployedAtBlock(), to))
                .hasSize(2);
        assertThat(f.client.paidBatches(
                        f.contracts.payoutBatcher(),
                        Optional.of(f.treasuryAddress()),
                        f.contracts.deployedAtBlock(),
                        to))
                .singleElement()
                .satisfies(batch -> {
                    assertThat(batch.batchId().toUuid()).isEqualTo(runA);
                    assertThat(batch.payer()).isEqualTo(f.treasuryAddress());
                    assertThat(batch.token()).isEqualTo(f.contracts.rewardToken());
                    assertThat(batch.count()).isEqualTo(2);
                    assertThat(batch.total()).isEqualTo(7);
                });
    }
}
