package io.tributary.persistence.datanet;

/** What happens to a record in which personal data (e-mails, phone, card or national id numbers) is found. */
public enum PersonalDataPolicy {
    /** Send it to review with the findings shown. */
    FLAG,
    /** Block it before review. */
    BLOCK
}
