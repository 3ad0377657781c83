package io.tributary.application.datanet;

import io.tributary.application.InvalidInput;
import java.text.Normalizer;

/**
 * The name an upload is stored and shown under, made safe from what a client sent: the last path segment only, no
 * control or invisible formatting characters (NUL, line breaks, bidi overrides that make {@code exe.txt} read as
 * {@code txt.exe}), NFC, and within the database column.
 */
public final class UploadName {

    /** The {@code upload.file_name} column's width, in characters. */
    public static final int MAX_CHARS = 255;

    private UploadName() {}

    /**
     * The safe name.
     *
     * @throws InvalidInput when nothing usable is left or the name is longer than {@link #MAX_CHARS}
     */
    public static String of(String sent) {
        String name = sent == null ? "" : sent;
        // A browser or client may send a whole path; only the file's own name is ours to keep.
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder kept = new StringBuilder(Math.min(name.length(), 4 * MAX_CHARS));
        name.codePoints().filter(UploadName::visible).forEach(kept::appendCodePoint);
        name = Normalizer.normalize(kept, Normalizer.Form.NFC).strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            throw new InvalidInput(
                    "file",
                    "Name the file (for example ?fileName=records.jsonl); the name sent has no usable characters.");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_CHARS) {
            throw new InvalidInput(
                    "file",
                    "The file name has " + length + " characters; the limit is " + MAX_CHARS
                            + ". Rename the file and upload it again; nothing was stored.");
        }
        return name;
    }

    /** The name cut for a message: at most 80 characters. */
    static String shortened(String name) {
        return name.length() <= 80 ? name : name.substring(0, 79) + "…";
    }

    private static boolean visible(int c) {
        int kind = Character.getType(c);
        return kind != Character.CONTROL
                && kind != Character.FORMAT
                && kind != Character.SURROGATE
                && kind != Character.UNASSIGNED
                && kind != Character.PRIVATE_USE
                && kind != Character.LINE_SEPARATOR
                && kind != Character.PARAGRAPH_SEPARATOR;
    }
}
