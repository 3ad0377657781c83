package io.tributary.application.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.attribution.ChargeSplit.Claim;
import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.Shares;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fee split's arithmetic over random charges, splits and weights: exact, fair to the unit, order-blind. */
class ChargeSplitProperties {

    static final Claim OWNER = new Claim(UUID.randomUUID(), UUID.randomUUID(), BigInteger.ONE);

    @Provide
    Arbitrary<BigInteger> charges() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(27)));
    }

    @Provide
    Arbitrary<Shares> shares() {
        return Arbitraries.integers().between(0, Shares.WHOLE).list().ofSize(3).map(cuts -> {
            List<Integer> sorted = new ArrayList<>(cuts);
            Collections.sort(sorted);
            return new Shares(
                    sorted.get(0),
                    sorted.get(1) - sorted.get(0),
                    sorted.get(2) - sorted.get(1),
                    Shares.WHOLE - sorted.get(2));
        });
    }

    @Provide
    Arbitrary<List<Claim>> claims() {
        Arbitrary<Claim> claim = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.longs().between(0, 10_000),
                        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(12)))
                .as((tenant, member, weight) -> new Claim(new UUID(1, tenant), new UUID(2, member), weight));
        return claim.list().ofMaxSize(40).uniqueElements(Claim::memberId);
    }

    @Property(tries = 3000)
    void legsAlwaysSumToTheCharge(
            @ForAll("charges") BigInteger charge,
            @ForAll("shares") Shares shares,
            @ForAll("claims") List<Claim> contributors,
            @ForAll("claims") List<Claim> validators) {
        List<ReceiptPayee> legs = ChargeSplit.split(charge, shares, contributors, validators, OWNER);
        assertThat(legs.stream().map(ReceiptPayee::amount).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(charge);
        assertThat(legs).allSatisfy(leg -> assertThat(leg.amount()).isPositive());
    }

    @Property(tries = 1000)
    void theOrderOfClaimsNeverChangesTheResult(
            @ForAll("charges") BigInteger charge,
            @ForAll("shares") Shares shares,
            @ForAll("claims") List<Claim> contributors,
            @ForAll("claims") List<Claim> validators,
            @ForAll long seed) {
        List<Claim> shuffled = new ArrayList<>(contributors);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(ChargeSplit.split(charge, shares, shuffled, validators, OWNER))
                .isEqualTo(ChargeSplit.split(charge, shares, contributors, validators, OWNER));
    }

    @Property(tries = 2000)
    void eachRoleGetsItsExactShareWithinOneUnit(
            @ForAll("charges") BigInteger charge,
            @ForAll("shares") Shares shares,
            @ForAll("claims") List<Claim> contributors,
            @ForAll("claims") List<Claim> validators) {
        boolean anyValidator = validators.stream().anyMatch(c -> c.weight().signum() > 0);
        boolean anyContributor = contributors.stream().anyMatch(c -> c.weight().signum() > 0);
        List<ReceiptPayee> legs = ChargeSplit.split(charge, shares, contributors, validators, OWNER);
        BigDecimal platform = exact(charge, shares.platform());
        assertThat(new BigDecimal(total(legs, PayeeRole.PLATFORM))
                        .subtract(platform)
                        .abs())
                .isLessThan(BigDecimal.ONE);
        if (anyValidator && anyContributor) {
            for (PayeeRole role : List.of(PayeeRole.CONTRIBUTOR, PayeeRole.VALIDATOR, PayeeRole.MODEL_OWNER)) {
                assertThat(new BigDecimal(total(legs, role))
                                .subtract(exact(charge, shares.of(role)))
                                .abs())
                        .as(role.name())
                        .isLessThan(BigDecimal.ONE);
            }
        }
        if (!anyContributor) {
            assertThat(total(legs, PayeeRole.CONTRIBUTOR)).isZero();
            assertThat(total(legs, PayeeRole.VALIDATOR)).isZero();
        }
    }

    @Property(tries = 1000)
    void membersGetTheirWeightsShareWithinOneUnit(
            @ForAll("charges") BigInteger charge, @ForAll("claims") List<Claim> contributors) {
        Shares all = new Shares(Shares.WHOLE, 0, 0, 0);
        List<ReceiptPayee> legs = ChargeSplit.split(charge, all, contributors, List.of(), OWNER);
        BigInteger sum = contributors.stream().map(Claim::weight).reduce(BigInteger.ZERO, BigInteger::add);
        if (sum.signum() == 0) return;
        for (Claim c : contributors) {
            BigInteger got = legs.stream()
                    .filter(l -> l.memberId().equals(c.memberId()))
                    .map(ReceiptPayee::amount)
                    .findFirst()
                    .orElse(BigInteger.ZERO);
            BigDecimal exact =
                    new BigDecimal(charge.multiply(c.weight())).divide(new BigDecimal(sum), 6, RoundingMode.HALF_EVEN);
            assertThat(new BigDecimal(got).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
        }
    }

    private static BigDecimal exact(BigInteger charge, int bp) {
        return new BigDecimal(charge.multiply(BigInteger.valueOf(bp))).divide(BigDecimal.valueOf(Shares.WHOLE));
    }

    private static BigInteger total(List<ReceiptPayee> legs, PayeeRole role) {
        return legs.stream()
                .filter(l -> l.role() == role)
                .map(ReceiptPayee::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }
}
