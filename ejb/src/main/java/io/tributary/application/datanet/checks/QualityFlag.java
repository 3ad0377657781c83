package io.tributary.application.datanet.checks;

/** A reason a record's text may not be worth a validator's time. */
public enum QualityFlag {
    /** Nothing but whitespace. */
    EMPTY,
    /** Fewer than {@value QualityAssessment#MIN_WORDS} words or {@value QualityAssessment#MIN_LETTERS} letters and digits. */
    TOO_SHORT,
    /** Mostly symbols, control characters, keyboard mashing or very few distinct characters. */
    GARBAGE,
    /** The same word sequences over and over. */
    REPETITIVE,
    /** Nearly every letter upper-case. */
    ALL_CAPS
}
