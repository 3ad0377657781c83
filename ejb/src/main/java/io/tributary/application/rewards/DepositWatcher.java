package io.tributary.application.rewards;

import io.tributary.chain.ChainClient;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.TokenTransfer;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.rewards.custody.ChainDeposit;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.settlement.Settlement;
import io.tributary.persistence.rewards.settlement.SettlementRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Credits token transfers into a custodial wallet to its tenant's treasury once they are as deep as the configured
 * confirmation depth; each transfer (transaction hash and log index) is credited once. A settlement from another
 * organization's wallet is not a deposit: it is marked received instead.
 */
@Stateless
public class DepositWatcher {

    /** Blocks read per call, within what public RPC endpoints allow in one log query. */
    static final long MAX_RANGE = 2_000;

    @Inject
    WalletRepository wallets;

    @Inject
    SettlementChain chain;

    @Inject
    Ledger ledger;

    @Inject
    SettlementRepository settlements;

    @Resource
    SessionContext context;

    /**
     * Credits the next range of confirmed blocks; true when the wallet is caught up with the confirmed block. The
     * chain is read outside any transaction; only the crediting, afterwards, holds the wallet's row.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean scan(UUID walletId) {
        CustodialWallet wallet = wallets.find(walletId).orElseThrow();
        ChainClient client = chain.client();
        long confirmed = client.confirmedBlockNumber();
        long from = wallet.getDepositsScannedTo() + 1;
        long to = Math.min(confirmed, from + MAX_RANGE - 1);
        if (from > to) return true;
        List<TokenTransfer> transfers =
                client.tokenTransfersTo(chain.token(), List.of(EvmAddress.of(wallet.getAddress())), from, to);
        context.getBusinessObject(DepositWatcher.class).credit(walletId, from, to, transfers);
        return to == confirmed;
    }

    /** Books what the chain showed for blocks {@code from} to {@code to}, unless another scan booked them first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void credit(UUID walletId, long from, long to, List<TokenTransfer> transfers) {
        CustodialWallet wallet = wallets.lock(walletId).orElseThrow();
        if (wallet.getDepositsScannedTo() != from - 1) return;
        for (TokenTransfer transfer : transfers) {
            if (transfer.amount().signum() <= 0
                    || wallets.isCredited(transfer.transactionHash(), transfer.logIndex())) {
                continue;
            }
            // Another organization's wallet settling with this one: the ledger moved this value already.
            Optional<Settlement> settlement = settlements
                    .ofTransactionHash(transfer.transactionHash())
                    .filter(s -> s.getCreditorWalletId().equals(walletId)
                            && s.getAmount().equals(transfer.amount()));
            if (settlement.isPresent()) {
                settlement.get().received(transfer.blockNumber());
                continue;
            }
            LedgerAccount world = ledger.open(null, null, AccountKind.EXTERNAL, Trib.CURRENCY);
            LedgerAccount treasury =
                    ledger.open(wallet.getTenantId(), null, AccountKind.TENANT_TREASURY, Trib.CURRENCY);
            String ref = transfer.transactionHash() + ":" + transfer.logIndex();
            var credited = ledger.transfer(TransferRequest.posted(
                    WalletSender.derivedId("deposit", ref),
                    CauseType.DEPOSIT,
                    "deposit:" + ref,
                    "From " + transfer.from().hex() + " in block " + transfer.blockNumber(),
                    List.of(
                            new Leg(world.getId(), transfer.amount().negate()),
                            new Leg(treasury.getId(), transfer.amount()))));
            wallets.add(new ChainDeposit(
                    transfer.transactionHash(),
                    transfer.logIndex(),
                    wallet.getTenantId(),
                    wallet.getId(),
                    transfer.from().hex(),
                    transfer.amount(),
                    transfer.blockNumber(),
                    transfer.blockHash(),
                    credited.getId()));
        }
        wallet.depositsScannedTo(to);
    }
}
