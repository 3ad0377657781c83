package io.tributary.application.datanet.checks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores how plausible a record's text is as human-written content.
 *
 * <p>Flags: {@link QualityFlag#EMPTY} when blank; {@link QualityFlag#TOO_SHORT} below
 * {@value #MIN_WORDS} words or {@value #MIN_LETTERS} letters and digits; {@link QualityFlag#GARBAGE}
 * when, among non-space characters, under half are letters, over 5% are control or replacement
 * characters, Shannon entropy is under 2.5 bits per character (for 20+ characters), or at least
 * 30% of Latin words of 6+ letters look mashed (no vowel, 6+ consonants in a row, or two
 * keyboard-row runs like "asd"/"jkl"); {@link QualityFlag#REPETITIVE} when, among at least 10
 * word trigrams, under half are distinct; {@link QualityFlag#ALL_CAPS} when 20+ cased letters are
 * over 90% upper-case.
 *
 * <p>Score = length × diversity × garbage × caps, where length = 0.5 + 0.5·min(1, words/20)
 * (halved when TOO_SHORT), diversity = distinct/total word trigrams (1 when fewer than 10),
 * garbage = 0.1 when GARBAGE else 1, caps = 0.7 when ALL_CAPS else 1; 0 when EMPTY.
 */
public final class QualityAssessment {

    static final int MIN_WORDS = 3;
    static final int MIN_LETTERS = 12;
    static final int MIN_FIELD_CHARS = 20;

    private static final String[] KEYBOARD_RUNS = {
        "qwe", "wer", "ert", "rty", "tyu", "yui", "uio", "iop", "asd", "sdf", "dfg", "fgh", "ghj", "hjk", "jkl", "zxc",
        "xcv", "cvb", "vbn", "bnm"
    };

    private QualityAssessment() {}

    /** The quality of {@code text}. */
    public static Quality of(String text) {
        return assess(text, true);
    }

    /**
     * The quality of a record: its whole text is judged for length, and each field on its own for
     * garbage, repetition and capitals, so a fine instruction cannot hide a mashed response (and a
     * one-word answer is not too short on its own). Fields under {@value #MIN_FIELD_CHARS} characters
     * are judged only as part of the whole. The score is the lowest of these verdicts.
     */
    public static Quality of(ParsedRecord record) {
        Quality whole = assess(record.readableText(), true);
        Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        flags.addAll(whole.flags());
        double score = whole.score();
        if (record.fields().size() > 1) {
            for (String value : record.fields().values()) {
                if (value.strip().length() < MIN_FIELD_CHARS) {
                    // Labels and one-word answers: too little text for symbol ratios or entropy to mean anything.
                    continue;
                }
                Quality field = assess(value, false);
                flags.addAll(field.flags());
                score = Math.min(score, field.score());
            }
        }
        return new Quality(score, flags);
    }

    private static Quality assess(String text, boolean judgeLength) {
        if (text == null || text.isBlank()) {
            return new Quality(0, EnumSet.of(QualityFlag.EMPTY));
        }
        Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        Counts counts = count(text);
        long[] wordHashes = new long[16];
        int wordCount = 0;
        int mashed = 0;
        int latinLong = 0;
        for (int i = 0; i < text.length(); ) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            long hash = 0xCBF2_9CE4_8422_2325L;
            boolean latin = true;
            while (i < text.length() && isWordChar(text.charAt(i))) {
                char c = Character.toLowerCase(text.charAt(i));
                latin &= c >= 'a' && c <= 'z';
                hash = (hash ^ c) * 0x100_0000_01B3L;
                i++;
            }
            if (wordCount == wordHashes.length) {
                wordHashes = Arrays.copyOf(wordHashes, wordCount * 2);
            }
            wordHashes[wordCount++] = hash;
            if (latin && i - start >= 6) {
                latinLong++;
                if (looksMashed(text.substring(start, i).toLowerCase(Locale.ROOT))) {
                    mashed++;
                }
            }
        }
        if (judgeLength && (wordCount < MIN_WORDS || counts.lettersAndDigits < MIN_LETTERS)) {
            flags.add(QualityFlag.TOO_SHORT);
        }
        if (counts.visible > 0
                && (counts.letters * 2 < counts.visible
                        || counts.controls * 20 > counts.visible
                        || (counts.visible >= 20 && counts.entropy() < 2.5)
                        || (latinLong >= 2 && mashed * 10 >= latinLong * 3))) {
            flags.add(QualityFlag.GARBAGE);
        }
        double diversity = trigramDiversity(wordHashes, wordCount);
        if (diversity < 0.5) {
            flags.add(QualityFlag.REPETITIVE);
        }
        if (counts.cased >= 20 && counts.upper * 10 > counts.cased * 9) {
            flags.add(QualityFlag.ALL_CAPS);
        }
        double length = judgeLength ? 0.5 + 0.5 * Math.min(1.0, wordCount / 20.0) : 1.0;
        if (flags.contains(QualityFlag.TOO_SHORT)) {
            length /= 2;
        }
        double score = length
                * diversity
                * (flags.contains(QualityFlag.GARBAGE) ? 0.1 : 1)
                * (flags.contains(QualityFlag.ALL_CAPS) ? 0.7 : 1);
        return new Quality(score, flags);
    }

    static boolean looksMashed(String word) {
        int vowels = 0;
        int consonantRun = 0;
        int longestRun = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if ("aeiouy".indexOf(c) >= 0) {
                vowels++;
                consonantRun = 0;
            } else {
                longestRun = Math.max(longestRun, ++consonantRun);
            }
        }
        if (vowels == 0 || longestRun >= 6) {
            return true;
        }
        int runs = 0;
        for (String run : KEYBOARD_RUNS) {
            if (word.contains(run)) {
                runs++;
            }
        }
        return runs >= 2;
    }

    /** Distinct word trigrams over all trigrams, or 1 when there are fewer than 10. */
    private static double trigramDiversity(long[] words, int count) {
        int total = count - 2;
        if (total < 10) {
            return 1.0;
        }
        long[] trigrams = new long[total];
        for (int i = 0; i < total; i++) {
            trigrams[i] = (words[i] * 31 + words[i + 1]) * 31 + words[i + 2];
        }
        Arrays.sort(trigrams);
        int distinct = 1;
        for (int i = 1; i < total; i++) {
            if (trigrams[i] != trigrams[i - 1]) {
                distinct++;
            }
        }
        return (double) distinct / total;
    }

    /** Letters, digits and the apostrophe inside words like "don't"; surrogate halves count as letters. */
    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || Character.isSurrogate(c);
    }

    private static Counts count(String text) {
        Counts counts = new Counts();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                continue;
            }
            counts.visible++;
            if (cp < 128) {
                counts.ascii[cp]++;
            } else {
                counts.frequency.merge(cp, 1, Integer::sum);
            }
            if (Character.isLetter(cp)) {
                counts.letters++;
                counts.lettersAndDigits++;
                if (Character.isUpperCase(cp)) {
                    counts.upper++;
                    counts.cased++;
                } else if (Character.isLowerCase(cp)) {
                    counts.cased++;
                }
            } else if (Character.isDigit(cp)) {
                counts.lettersAndDigits++;
            } else if (Character.isISOControl(cp) || cp == 0xFFFD) {
                counts.controls++;
            }
        }
        return counts;
    }

    private static final class Counts {
        // Boxing every character into a map dominated the cost; most text is mostly ASCII.
        final int[] ascii = new int[128];
        final Map<Integer, Integer> frequency = new HashMap<>();
        int visible;
        int letters;
        int lettersAndDigits;
        int upper;
        int cased;
        int controls;

        /** Shannon entropy of the visible characters, in bits per character. */
        double entropy() {
            double bits = 0;
            for (int n : ascii) {
                bits += term(n);
            }
            for (int n : frequency.values()) {
                bits += term(n);
            }
            return bits;
        }

        private double term(int n) {
            if (n == 0) {
                return 0;
            }
            double p = (double) n / visible;
            return -p * (Math.log(p) / Math.log(2));
        }
    }
}
