package io.tributary.application.attribution;

import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.Shares;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Splits one inference's charge, in integer base units, among the four roles of a {@link Shares split} and then among
 * the members of each role by weight. The parts always sum to the charge exactly.
 *
 * <p><b>Remainder rule</b> (largest remainder, also at the second level): each part first gets {@code floor(total ×
 * weight / Σ weights)}; the units left over (fewer than the number of parts) go one each to the parts with the
 * largest remainders {@code total × weight mod Σ weights}; ties go to the earlier part in a fixed order: roles as
 * contributors, validators, model owner, platform; members by tenant id, then member id. The input order never
 * changes the result.
 *
 * <p><b>Empty roles</b>: with no validator to pay, the validators' share joins the contributors'; with no contributor
 * (nothing attributed above the noise band), the contributors' and validators' shares both join the model owner's and
 * no validator is paid.
 */
public final class ChargeSplit {

    /** A member claiming part of a role's pool, by weight (any non-negative integer scale). */
    public record Claim(UUID tenantId, UUID memberId, BigInteger weight) {
        public Claim {
            Objects.requireNonNull(memberId, "memberId");
            if (weight == null || weight.signum() < 0) {
                throw new IllegalArgumentException("A weight is a non-negative integer, got " + weight);
            }
        }
    }

    private static final Comparator<Claim> MEMBER_ORDER = Comparator.comparing(
                    (Claim c) -> c.tenantId() == null ? "" : c.tenantId().toString())
            .thenComparing(c -> c.memberId().toString());

    private ChargeSplit() {}

    /**
     * The legs of the split, role by role and member by member, leaving out zero amounts.
     *
     * @param owner the model owner's member (tenant and member id; weight ignored)
     */
    public static List<ReceiptPayee> split(
            BigInteger charge, Shares shares, List<Claim> contributors, List<Claim> validators, Claim owner) {
        if (charge == null || charge.signum() < 0) {
            throw new IllegalArgumentException("A charge is a non-negative integer, got " + charge);
        }
        if (shares.sum() != Shares.WHOLE) {
            throw new IllegalArgumentException("The shares sum to " + shares.sum() + ", not " + Shares.WHOLE);
        }
        List<Claim> paidContributors = positive(contributors);
        List<Claim> paidValidators = positive(validators);
        long c = shares.contributors();
        long v = shares.validators();
        long o = shares.owner();
        if (paidContributors.isEmpty()) {
            // Validators are paid for the records that earned: with none, nobody is.
            o += c + v;
            c = 0;
            v = 0;
            paidValidators = List.of();
        } else if (paidValidators.isEmpty()) {
            c += v;
            v = 0;
        }
        List<BigInteger> pools = apportion(
                charge,
                List.of(
                        BigInteger.valueOf(c),
                        BigInteger.valueOf(v),
                        BigInteger.valueOf(o),
                        BigInteger.valueOf(shares.platform())));
        List<ReceiptPayee> legs = new ArrayList<>();
        members(PayeeRole.CONTRIBUTOR, pools.get(0), paidContributors, legs);
        members(PayeeRole.VALIDATOR, pools.get(1), paidValidators, legs);
        if (pools.get(2).signum() > 0) {
            legs.add(new ReceiptPayee(PayeeRole.MODEL_OWNER, owner.tenantId(), owner.memberId(), pools.get(2)));
        }
        if (pools.get(3).signum() > 0) {
            legs.add(new ReceiptPayee(PayeeRole.PLATFORM, null, null, pools.get(3)));
        }
        return List.copyOf(legs);
    }

    private static List<Claim> positive(List<Claim> claims) {
        return claims.stream()
                .filter(x -> x.weight().signum() > 0)
                .sorted(MEMBER_ORDER)
                .toList();
    }

    private static void members(PayeeRole role, BigInteger pool, List<Claim> claims, List<ReceiptPayee> legs) {
        if (claims.isEmpty() || pool.signum() == 0) return;
        List<BigInteger> parts =
                apportion(pool, claims.stream().map(Claim::weight).toList());
        for (int i = 0; i < claims.size(); i++) {
            if (parts.get(i).signum() > 0) {
                legs.add(new ReceiptPayee(
                        role, claims.get(i).tenantId(), claims.get(i).memberId(), parts.get(i)));
            }
        }
    }

    /**
     * Divides {@code total} by the weights with the largest remainder rule; the result sums to {@code total} exactly
     * and has the weights' order. All-zero weights give everything to nobody: every part is zero, so only call it with
     * a positive weight unless {@code total} is zero.
     */
    public static List<BigInteger> apportion(BigInteger total, List<BigInteger> weights) {
        BigInteger sum = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
        int n = weights.size();
        List<BigInteger> parts = new ArrayList<>(n);
        if (sum.signum() == 0) {
            if (total.signum() != 0) {
                throw new IllegalArgumentException("Nothing to divide " + total + " by: all weights are zero");
            }
            for (int i = 0; i < n; i++) parts.add(BigInteger.ZERO);
            return parts;
        }
        BigInteger[] remainders = new BigInteger[n];
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = total.multiply(weights.get(i)).divideAndRemainder(sum);
            parts.add(qr[0]);
            remainders[i] = qr[1];
            given = given.add(qr[0]);
        }
        int left = total.subtract(given).intValueExact();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> {
            int byRemainder = remainders[b].compareTo(remainders[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        for (int k = 0; k < left; k++) {
            int i = order[k];
            parts.set(i, parts.get(i).add(BigInteger.ONE));
        }
        return parts;
    }
}
