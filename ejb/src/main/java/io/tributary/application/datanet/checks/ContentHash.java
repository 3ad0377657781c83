package io.tributary.application.datanet.checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * A record's {@code contentSha256}: the exact-duplicate fingerprint (equal hashes mean the same content) and the
 * content word of the record's release leaf. This is the one definition; docs/proofs.md ("contentSha256") repeats it
 * with a worked example that {@code ContentHashTest.theDocumentedExampleHashesAsDocsProofsMdSays} checks.
 *
 * <ol>
 *   <li><b>Canonical text</b> ({@link ParsedRecord#canonicalText()}): for each field present, in the record type's
 *       order ({@link RecordType#fields()}, e.g. {@code question}, {@code answer}), the field name, U+001F, the
 *       value NFC-normalised with any U+001E or U+001F in it replaced by a space; fields joined by U+001E. Unknown
 *       fields are not part of it.
 *   <li><b>Normalised text</b> ({@link #normalise}): the canonical text NFC-normalised, then every run of whitespace
 *       (Java whitespace except the field separators U+001C–U+001F, plus no-break spaces U+00A0, U+2007, U+202F)
 *       replaced by one space, then leading and trailing spaces removed. Case and punctuation are kept: they change
 *       meaning often enough that only the near-duplicate check should ignore them.
 *   <li><b>Hash</b>: SHA-256 of the normalised text's UTF-8 bytes, written as 64 lowercase hex digits (stored without,
 *       and in proofs with, a {@code 0x} prefix).
 * </ol>
 */
public final class ContentHash {

    private ContentHash() {}

    /** SHA-256 hex of the normalised {@code canonicalText} (see {@link ParsedRecord#canonicalText()}). */
    public static String of(String canonicalText) {
        return HexFormat.of().formatHex(digest().digest(normalise(canonicalText).getBytes(StandardCharsets.UTF_8)));
    }

    /** The exact text that is hashed; exposed for tests and for explaining a duplicate verdict. */
    static String normalise(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            if (isCollapsible(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && !out.isEmpty()) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }

    static boolean isCollapsible(char c) {
        if (c >= '\u001C' && c <= '\u001F') {
            return false;
        }
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
