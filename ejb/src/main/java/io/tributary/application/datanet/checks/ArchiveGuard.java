package io.tributary.application.datanet.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Refuses DOCX files whose ZIP entries would expand dangerously, before any parser inflates them.
 *
 * <p>Sizes declared in the central directory are checked first (free); then every entry is
 * inflated into a counter that stops at the first limit crossed, because declared sizes can lie.
 * A bomb is therefore refused after inflating at most about {@code MAX_RATIO} times its
 * compressed size, never the whole payload.
 */
final class ArchiveGuard {

    /** Largest allowed expanded/compressed ratio for entries beyond {@link #RATIO_GRACE_BYTES}. */
    static final long MAX_RATIO = 100;
    /** Entries smaller than this are exempt from the ratio limit: tiny XML parts compress absurdly well. */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;
    /** Largest total expanded size of all entries together. */
    static final long MAX_EXPANDED_BYTES = 256L * 1024 * 1024;
    /** Real documents have dozens of parts; thousands suggest an attack on the parser. */
    static final int MAX_ENTRIES = 10_000;

    private ArchiveGuard() {}

    static void check(Path docx) throws FileRejected, IOException {
        if (isOle2(docx)) {
            // Word saves password-protected .docx files inside an OLE2 container; old .doc files are OLE2 too.
            throw new FileRejected(
                    FileRejected.Reason.ENCRYPTED,
                    "the DOCX is password-protected (or is an old .doc file"
                            + " renamed); remove the password or save it as .docx and upload it again");
        }
        try (ZipFile zip = new ZipFile(docx.toFile())) {
            checkDeclared(zip);
            checkInflated(zip);
        } catch (ZipException e) {
            throw new FileRejected(
                    FileRejected.Reason.UNREADABLE,
                    "the file is not a valid DOCX (it is not a readable ZIP archive: " + e.getMessage() + ")",
                    e);
        }
    }

    private static boolean isOle2(Path file) throws IOException {
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    private static void checkDeclared(ZipFile zip) throws FileRejected {
        if (zip.size() > MAX_ENTRIES) {
            throw unsafe("it contains " + zip.size() + " parts (limit " + MAX_ENTRIES + ")");
        }
        boolean hasBody = false;
        long declaredTotal = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            hasBody |= entry.getName().equals("word/document.xml");
            long size = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (size > 0) {
                declaredTotal += size;
                checkSizes(entry.getName(), size, compressed, declaredTotal);
            }
        }
        if (!hasBody) {
            throw new FileRejected(
                    FileRejected.Reason.UNREADABLE,
                    "the file is not a Word document: it has no word/document.xml part");
        }
    }

    private static void checkInflated(ZipFile zip) throws FileRejected, IOException {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            long compressed = entry.getCompressedSize();
            long expanded = 0;
            try (InputStream data = zip.getInputStream(entry)) {
                int n;
                while ((n = data.read(sink)) > 0) {
                    expanded += n;
                    total += n;
                    checkSizes(entry.getName(), expanded, compressed, total);
                }
            }
        }
    }

    private static void checkSizes(String name, long expanded, long compressed, long total) throws FileRejected {
        if (expanded > RATIO_GRACE_BYTES && compressed >= 0 && expanded > MAX_RATIO * Math.max(compressed, 1)) {
            throw unsafe("%s expands from %d bytes to over %d bytes (more than %d:1, the limit)"
                    .formatted(name, compressed, expanded, MAX_RATIO));
        }
        if (total > MAX_EXPANDED_BYTES) {
            throw unsafe("its parts expand to more than " + GuardedInputStream.describe(MAX_EXPANDED_BYTES));
        }
    }

    private static FileRejected unsafe(String why) {
        return new FileRejected(
                FileRejected.Reason.UNSAFE_ARCHIVE,
                "the DOCX looks like a decompression bomb and was not opened: " + why);
    }
}
