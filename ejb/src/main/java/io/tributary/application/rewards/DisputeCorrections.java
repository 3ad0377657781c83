package io.tributary.application.rewards;

import io.tributary.application.Conflict;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.LedgerTransfer;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

/**
 * Rewards' side of an upheld attribution dispute: one new {@code ADJUSTMENT} transfer from the platform's fees to the
 * disputer's contributor earnings, whose id is the dispute's, so a repeated decision never pays twice. The receipt's
 * {@code FEE_SPLIT} transfer is never touched. The platform pays rather than the members credited before, whose
 * earnings may already be paid out on chain. Runs in the caller's transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DisputeCorrections {

    @Inject
    Ledger ledger;

    /**
     * Pays the correction; returns the transfer's id (the dispute's).
     *
     * @throws Conflict when the platform's fees cannot cover it (nothing is written)
     */
    public UUID correct(UUID disputeId, UUID receiptId, UUID tenantId, UUID memberId, BigInteger amount, String memo) {
        LedgerAccount platform = ledger.open(null, null, AccountKind.PLATFORM_FEES, Trib.CURRENCY);
        if (ledger.balance(platform.getId()).available().compareTo(amount) < 0) {
            throw new Conflict("The platform's fee account holds less than " + Trib.format(amount) + " " + Trib.CURRENCY
                    + " right now; uphold with a smaller correction or later.");
        }
        LedgerAccount earnings = ledger.open(tenantId, memberId, AccountKind.CONTRIBUTOR_EARNINGS, Trib.CURRENCY);
        LedgerTransfer transfer = ledger.transfer(TransferRequest.posted(
                disputeId,
                CauseType.ADJUSTMENT,
                "dispute:" + disputeId + ":receipt:" + receiptId,
                memo,
                List.of(new Leg(platform.getId(), amount.negate()), new Leg(earnings.getId(), amount))));
        return transfer.getId();
    }
}
