package io.tributary.application.datanet.checks;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in record text, preferring to miss an oddly written number over flagging
 * dates, versions and order ids.
 *
 * <p>Every numeric kind needs either a checksum (cards: Luhn plus issuer prefix; IBAN: mod 97;
 * DNI/NIE: check letter) or a distinctive layout (SSN {@code ddd-dd-dddd} outside the ranges the
 * SSA never issues; NINO letter pairs; phone numbers with a leading {@code +} or the separators of
 * a national layout). Bare digit runs are never phone numbers. Where matches overlap, the more
 * specific kind wins (e-mail, IBAN, card, national id, then phone). Masks keep the last four
 * letters or digits (for e-mail the first character and the domain) and replace the other letters
 * and digits with {@code *}. Instances are immutable and thread-safe.
 */
public final class PersonalDataScanner {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern IBAN =
            Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![\\w.,-])\\d(?:[ -]?\\d){12,18}(?![\\w-]|[.,]\\d)");
    private static final Pattern SSN = Pattern.compile("(?<![\\w-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\w-])");
    private static final Pattern NINO = Pattern.compile(
            "(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])");
    private static final Pattern DNI = Pattern.compile("(?<![\\w-])([XYZ]?)(\\d{7,8})-?([A-Z])(?![\\w-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+.-])(?:"
            // international: +CC then groups separated by single spaces, dashes or dots
            + "\\+\\d{1,3}(?:[ .-]?\\(\\d{1,4}\\))?(?:[ .-]?\\d{1,5}){2,6}"
            // North American: (555) 123-4567, 555-123-4567, 555.123.4567
            + "|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}"
            + "|\\d{3}([.-])\\d{3}\\1\\d{4}"
            // European national: a trunk 0 and space-separated groups, e.g. 020 7946 0958, 06 12 34 56 78
            + "|0\\d{1,4}(?: \\d{2,4}){2,4}"
            + ")(?![\\w-]|[.,]\\d)");

    /** Furthest a digit may be from the previous one in the same cluster (an IBAN's " WEST " bank code). */
    static final int MAX_DIGIT_GAP = 7;
    /** Characters before a cluster's first digit a match may start at ("+", "(", NINO letters, IBAN country). */
    private static final int WINDOW_BEFORE = 8;
    /** Characters after a cluster's last digit a match may end at (NINO and DNI letters, IBAN letter groups). */
    private static final int WINDOW_AFTER = 6;

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AT", 20),
            Map.entry("BE", 16),
            Map.entry("CH", 21),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GR", 27),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IT", 27),
            Map.entry("LU", 20),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PL", 28),
            Map.entry("PT", 25),
            Map.entry("RO", 24),
            Map.entry("SE", 24),
            Map.entry("SK", 24));

    /** All personal data in {@code text}, ordered by position, without overlaps. */
    public List<PersonalData> scan(String text) {
        List<PersonalData> found = new ArrayList<>();
        if (text.indexOf('@') >= 0) {
            find(text, 0, text.length(), EMAIL, PersonalData.Kind.EMAIL, found, m -> true);
        }
        // Numeric kinds are only looked for around clusters of digits, and only where the cluster
        // has enough digits for the kind: regular expressions over whole texts were the most
        // expensive automatic check. Lookarounds still see past the window (transparent bounds).
        int position = 0;
        int[] cluster = new int[3];
        while (nextDigitCluster(text, position, cluster)) {
            position = cluster[1];
            int digits = cluster[2];
            if (digits < 6) {
                continue;
            }
            int from = Math.max(0, cluster[0] - WINDOW_BEFORE);
            int to = Math.min(text.length(), cluster[1] + WINDOW_AFTER);
            find(text, from, to, IBAN, PersonalData.Kind.IBAN, found, m -> validIban(m.group()));
            if (digits >= 13) {
                find(text, from, to, CARD, PersonalData.Kind.CARD_NUMBER, found, m -> validCard(m.group()));
            }
            if (digits >= 9) {
                find(text, from, to, SSN, PersonalData.Kind.NATIONAL_ID, found, PersonalDataScanner::validSsn);
            }
            find(text, from, to, NINO, PersonalData.Kind.NATIONAL_ID, found, PersonalDataScanner::validNino);
            if (digits >= 7) {
                find(text, from, to, DNI, PersonalData.Kind.NATIONAL_ID, found, PersonalDataScanner::validDni);
            }
            if (digits >= 8) {
                find(text, from, to, PHONE, PersonalData.Kind.PHONE, found, m -> validPhone(m.group()));
            }
        }
        found.sort(Comparator.comparingInt(PersonalData::start));
        return found;
    }

    /**
     * Finds the next run of digits at or after {@code from} in which consecutive digits are at most
     * {@value #MAX_DIGIT_GAP} characters apart (so "GB82 WEST 1234" is one cluster); writes its
     * start, end and digit count into {@code cluster}.
     */
    private static boolean nextDigitCluster(String text, int from, int[] cluster) {
        int i = from;
        while (i < text.length() && !isAsciiDigit(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return false;
        }
        int start = i;
        int last = i;
        int digits = 0;
        for (; i < text.length() && i - last <= MAX_DIGIT_GAP; i++) {
            if (isAsciiDigit(text.charAt(i))) {
                digits++;
                last = i;
            }
        }
        cluster[0] = start;
        cluster[1] = last + 1;
        cluster[2] = digits;
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private interface Check {
        boolean test(Matcher match);
    }

    private static void find(
            String text,
            int from,
            int to,
            Pattern pattern,
            PersonalData.Kind kind,
            List<PersonalData> found,
            Check check) {
        Matcher m = pattern.matcher(text)
                .region(from, to)
                .useTransparentBounds(true)
                .useAnchoringBounds(false);
        while (m.find()) {
            if (check.test(m) && !overlaps(found, m.start(), m.end())) {
                found.add(new PersonalData(kind, m.start(), m.end(), mask(kind, m.group())));
            }
        }
    }

    private static boolean overlaps(List<PersonalData> found, int start, int end) {
        for (PersonalData data : found) {
            if (start < data.end() && data.start() < end) {
                return true;
            }
        }
        return false;
    }

    static boolean validCard(String candidate) {
        String digits = candidate.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        // Mixed separators ("1234 5678-9012 3456") are typed by no one; ids and phone lists are.
        if (candidate.contains(" ") && candidate.contains("-")) {
            return false;
        }
        return knownIssuer(digits) && luhn(digits);
    }

    private static boolean knownIssuer(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        return digits.charAt(0) == '4' // Visa
                || (two >= 51 && two <= 55)
                || (four >= 2221 && four <= 2720) // Mastercard
                || two == 34
                || two == 37 // American Express
                || two == 36
                || two == 38
                || (four >= 3000 && four <= 3059) // Diners
                || two == 35 // JCB
                || four == 6011
                || two == 65
                || (four >= 6440 && four <= 6499) // Discover
                || two == 62; // UnionPay
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "");
        Integer expected = IBAN_LENGTHS.get(iban.substring(0, 2));
        if (expected != null ? iban.length() != expected : iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean validSsn(Matcher m) {
        int area = Integer.parseInt(m.group(1));
        int group = Integer.parseInt(m.group(2));
        int serial = Integer.parseInt(m.group(3));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        // Numbers published in advertising and used as examples so often they are not anyone's.
        String ssn = m.group();
        return !ssn.equals("078-05-1120") && !ssn.equals("219-09-9999") && !ssn.equals("123-45-6789");
    }

    private static boolean validNino(Matcher m) {
        String prefix = m.group(1);
        return !(prefix.equals("BG")
                || prefix.equals("GB")
                || prefix.equals("NK")
                || prefix.equals("KN")
                || prefix.equals("TN")
                || prefix.equals("NT")
                || prefix.equals("ZZ"));
    }

    private static boolean validDni(Matcher m) {
        String foreign = m.group(1);
        String digits = m.group(2);
        if (foreign.isEmpty() ? digits.length() != 8 : digits.length() != 7) {
            return false;
        }
        String number = (foreign.isEmpty() ? "" : String.valueOf("XYZ".indexOf(foreign))) + digits;
        return DNI_LETTERS.charAt(Integer.parseInt(number) % 23) == m.group(3).charAt(0);
    }

    static boolean validPhone(String candidate) {
        int digits = 0;
        for (int i = 0; i < candidate.length(); i++) {
            if (Character.isDigit(candidate.charAt(i))) {
                digits++;
            }
        }
        if (candidate.startsWith("+")) {
            return digits >= 8 && digits <= 15;
        }
        return digits >= 10 && digits <= 11;
    }

    static String mask(PersonalData.Kind kind, String value) {
        if (kind == PersonalData.Kind.EMAIL) {
            int at = value.indexOf('@');
            return value.charAt(0) + "***" + value.substring(at);
        }
        int keep = 4;
        char[] chars = value.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(chars[i])) {
                if (keep > 0) {
                    keep--;
                } else {
                    chars[i] = '*';
                }
            }
        }
        return new String(chars);
    }
}
