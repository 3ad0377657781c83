package io.tributary.application.datanet.checks;

import java.util.Locale;
import java.util.Optional;

/** The file formats a contribution can be uploaded in. */
public enum SourceFormat {

    /** One JSON object per line. */
    JSONL(false, "jsonl", "ndjson"),
    /** Comma-separated values with a header row naming the fields (RFC 4180 quoting). */
    CSV(false, "csv"),
    /** Markdown, treated as a document and chunked. */
    MARKDOWN(true, "md", "markdown"),
    /** Plain UTF-8 text, treated as a document and chunked. */
    TEXT(true, "txt", "text"),
    /** PDF; text is extracted and chunked. */
    PDF(true, "pdf"),
    /** Word (Office Open XML); text is extracted and chunked. */
    DOCX(true, "docx");

    private final boolean document;
    private final String[] extensions;

    SourceFormat(boolean document, String... extensions) {
        this.document = document;
        this.extensions = extensions;
    }

    /** Whether files in this format are documents split into {@link RecordType#DOCUMENT} records. */
    public boolean isDocument() {
        return document;
    }

    /** The format implied by a file name's extension, case-insensitively; empty when unsupported. */
    public static Optional<SourceFormat> ofFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (SourceFormat format : values()) {
            for (String candidate : format.extensions) {
                if (candidate.equals(extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }
}
