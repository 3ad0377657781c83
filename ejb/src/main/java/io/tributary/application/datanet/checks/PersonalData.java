package io.tributary.application.datanet.checks;

/**
 * Personal data found in a record's text.
 *
 * @param kind   what it is
 * @param start  index of its first character in the scanned text
 * @param end    index just past its last character
 * @param masked the match with most of it hidden, safe to show to validators and store in check results
 */
public record PersonalData(Kind kind, int start, int end, String masked) {

    /** The kinds of personal data the scanner looks for. */
    public enum Kind {
        /** An e-mail address. */
        EMAIL,
        /** A phone number written in international (+…) or a common national layout. */
        PHONE,
        /** A payment card number: 13–19 digits, a known issuer prefix and a valid Luhn check digit. */
        CARD_NUMBER,
        /** A US Social Security number, UK National Insurance number or Spanish DNI/NIE. */
        NATIONAL_ID,
        /** An International Bank Account Number with a valid mod-97 check. */
        IBAN
    }
}
