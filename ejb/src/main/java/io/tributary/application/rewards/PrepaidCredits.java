package io.tributary.application.rewards;

import io.tributary.application.Actor;
import io.tributary.application.InvalidInput;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.InsufficientFunds;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's prepaid credits for inference: topped up from its treasury, reserved for a request's worst case
 * before it is generated, and charged into the model owner's INFERENCE_HOLDING account when it is answered, where
 * attribution splits it. All in the caller's transaction.
 */
@Stateless
public class PrepaidCredits {

    @Inject
    Ledger ledger;

    @Inject
    AuditLog audit;

    /** The organization's prepaid credits now. */
    public BalanceView balance(UUID tenantId) {
        return BalanceView.of(prepaid(tenantId).balance());
    }

    /** Org admins: moves TRIB from the organization's treasury into its prepaid credits. */
    public BalanceView topUp(Actor actor, BigDecimal amount) {
        audit.demand(actor, Role.ORG_ADMIN, "serving.credits.top-up", "prepaid-credits");
        UUID tenantId = actor.requireTenant();
        BigInteger units = Trib.parse("amount", amount);
        moveFromTreasury(tenantId, UUID.randomUUID(), units, "Prepaid credits topped up by " + actor.name());
        audit.changed(
                actor,
                tenantId,
                "serving.credits.top-up",
                "prepaid-credits",
                Trib.format(units) + " " + Trib.CURRENCY + " from the treasury");
        return balance(tenantId);
    }

    /**
     * Moves TRIB from the treasury into prepaid credits under a transfer id the caller chooses (a retry with the same
     * id moves nothing again); refuses with the treasury's balance when it holds too little.
     */
    public void moveFromTreasury(UUID tenantId, UUID transferId, BigInteger units, String memo) {
        LedgerAccount treasury = ledger.open(tenantId, null, AccountKind.TENANT_TREASURY, Trib.CURRENCY);
        LedgerAccount prepaid = prepaid(tenantId);
        try {
            ledger.transfer(TransferRequest.posted(
                    transferId,
                    CauseType.ADJUSTMENT,
                    "prepaid-credits:" + tenantId,
                    memo,
                    List.of(new Leg(treasury.getId(), units.negate()), new Leg(prepaid.getId(), units))));
        } catch (InsufficientFunds e) {
            throw new InvalidInput(
                    "amount",
                    "The treasury holds " + Trib.format(e.available()) + " " + Trib.CURRENCY
                            + " available; top up at most that much.");
        }
    }

    /**
     * Reserves a request's worst-case price on the caller's credits (a pending transfer to the owner's holding
     * account), so that concurrent requests cannot spend the same credit; throws {@link CreditShortfall} when the
     * credits cannot cover it.
     */
    public void reserve(UUID reservationId, UUID callerTenant, UUID ownerTenant, BigInteger amount, String ref) {
        try {
            ledger.transfer(TransferRequest.pending(
                    reservationId,
                    CauseType.INFERENCE_CHARGE,
                    ref,
                    "Reserved for an inference until it is answered",
                    legs(callerTenant, ownerTenant, amount)));
        } catch (InsufficientFunds e) {
            throw new CreditShortfall(e.available(), amount);
        }
    }

    /** The prepaid credits cannot cover an amount; nothing was reserved. */
    @ApplicationException(rollback = true)
    public static class CreditShortfall extends RuntimeException {
        private final BigInteger available;

        public CreditShortfall(BigInteger available, BigInteger requested) {
            super("Prepaid credits hold " + Trib.format(available) + " " + Trib.CURRENCY + " available, "
                    + Trib.format(requested) + " needed.");
            this.available = available;
        }

        /** What the credits hold that is not reserved, in base units. */
        public BigInteger available() {
            return available;
        }
    }

    /** Reservations made before the instant and still pending, oldest first, at most 100. */
    public List<UUID> reservedBefore(Instant before) {
        return ledger.pendingBefore(CauseType.INFERENCE_CHARGE, before, 100);
    }

    /** Releases a reservation (the request was answered and charged, or failed); releasing twice is a no-op. */
    public void release(UUID reservationId) {
        ledger.voidTransfer(reservationId);
    }

    /**
     * Charges an answered request: the caller's prepaid credits to the owner's INFERENCE_HOLDING account, posted at
     * once under the usage record's id. Returns the holding account.
     */
    public UUID charge(UUID transferId, UUID callerTenant, UUID ownerTenant, BigInteger amount, String ref) {
        UUID holding = holdingAccount(ownerTenant);
        if (amount.signum() > 0) {
            ledger.transfer(TransferRequest.posted(
                    transferId, CauseType.INFERENCE_CHARGE, ref, "Inference", legs(callerTenant, ownerTenant, amount)));
        }
        return holding;
    }

    /** The owner's account that inference charges wait in until attribution splits them. */
    public UUID holdingAccount(UUID ownerTenant) {
        return ledger.open(ownerTenant, null, AccountKind.INFERENCE_HOLDING, Trib.CURRENCY)
                .getId();
    }

    private List<Leg> legs(UUID callerTenant, UUID ownerTenant, BigInteger amount) {
        return List.of(
                new Leg(prepaid(callerTenant).getId(), amount.negate()), new Leg(holdingAccount(ownerTenant), amount));
    }

    private LedgerAccount prepaid(UUID tenantId) {
        return ledger.open(tenantId, null, AccountKind.PREPAID_CREDITS, Trib.CURRENCY);
    }
}
