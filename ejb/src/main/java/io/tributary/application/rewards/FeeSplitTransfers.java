package io.tributary.application.rewards;

import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.LedgerAccountRepository;
import io.tributary.persistence.rewards.LedgerTransfer;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rewards' side of attribution: moves one inference's charge out of the model owner's {@code INFERENCE_HOLDING}
 * account into earnings accounts by one multi-leg {@code FEE_SPLIT} transfer whose id is derived from the receipt's
 * ({@link #transferIdOf}), so a repeated split returns the stored transfer instead of paying twice. Runs in the caller's
 * transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class FeeSplitTransfers {

    /** Whose earnings a credit goes to. */
    public enum Role {
        CONTRIBUTOR(AccountKind.CONTRIBUTOR_EARNINGS),
        VALIDATOR(AccountKind.VALIDATOR_EARNINGS),
        MODEL_OWNER(AccountKind.MODEL_OWNER_EARNINGS),
        PLATFORM(AccountKind.PLATFORM_FEES);

        private final AccountKind kind;

        Role(AccountKind kind) {
            this.kind = kind;
        }
    }

    /**
     * One credit of the split; the platform's has no tenant or member, and a model owner without a member (a run
     * started by a service key) is credited to the owner organization's treasury.
     */
    public record Credit(Role role, UUID tenantId, UUID memberId, BigInteger amount) {}

    @Inject
    Ledger ledger;

    /**
     * The split's transfer id: a name-based (v3) UUID of {@code "fee-split:" + receiptId}, the same on every retry and
     * never serving's charge transfer, which already carries the receipt's (usage record's) own id.
     */
    public static UUID transferIdOf(UUID receiptId) {
        return UUID.nameUUIDFromBytes(("fee-split:" + receiptId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Inject
    LedgerAccountRepository accounts;

    /**
     * Debits the holding account by the credits' sum and credits each; returns the transfer's id
     * ({@link #transferIdOf} the receipt's).
     *
     * @throws IllegalArgumentException when the holding account is not an owner's INFERENCE_HOLDING account of the
     *     owner's tenant in TRIB
     */
    public UUID split(UUID receiptId, UUID holdingAccountId, UUID ownerTenantId, List<Credit> credits, String memo) {
        LedgerAccount holding = accounts.find(holdingAccountId)
                .orElseThrow(() -> new IllegalArgumentException("No ledger account " + holdingAccountId));
        if (holding.getKind() != AccountKind.INFERENCE_HOLDING
                || !ownerTenantId.equals(holding.getTenantId())
                || !Trib.CURRENCY.equals(holding.getCurrency())) {
            throw new IllegalArgumentException("Account " + holdingAccountId
                    + " is not the model owner's inference holding account in " + Trib.CURRENCY);
        }
        BigInteger total = BigInteger.ZERO;
        List<Leg> legs = new ArrayList<>();
        for (Credit credit : credits) {
            LedgerAccount account;
            if (credit.role() == Role.PLATFORM) {
                account = ledger.open(null, null, AccountKind.PLATFORM_FEES, Trib.CURRENCY);
            } else if (credit.memberId() == null) {
                account = ledger.open(credit.tenantId(), null, AccountKind.TENANT_TREASURY, Trib.CURRENCY);
            } else {
                account = ledger.open(credit.tenantId(), credit.memberId(), credit.role().kind, Trib.CURRENCY);
            }
            legs.add(new Leg(account.getId(), credit.amount()));
            total = total.add(credit.amount());
        }
        legs.add(0, new Leg(holding.getId(), total.negate()));
        LedgerTransfer transfer = ledger.transfer(TransferRequest.posted(
                transferIdOf(receiptId), CauseType.FEE_SPLIT, "receipt:" + receiptId, memo, legs));
        return transfer.getId();
    }
}
