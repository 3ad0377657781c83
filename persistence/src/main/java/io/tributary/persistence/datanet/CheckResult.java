package io.tributary.persistence.datanet;

/**
 * One automatic check's result on a contribution, e.g. {@code near-duplicate FAIL "near duplicate (93% similar) of
 * earlier record …"}. Stored with the contribution as an element of its {@code checks} jsonb array.
 */
public record CheckResult(String check, Outcome outcome, String detail) {

    /** How a check ended: passed, passed with a warning for validators, or failed (the record is blocked). */
    public enum Outcome {
        PASS,
        WARN,
        FAIL
    }

    public static CheckResult pass(String check, String detail) {
        return new CheckResult(check, Outcome.PASS, detail);
    }
}
