package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.util.Units;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

class DocumentExtractionTest {

    private static Uploads document(SourceFormat format, byte[] bytes) throws Exception {
        return Uploads.read(RecordType.DOCUMENT, format, bytes, Limits.DEFAULT);
    }

    @Test
    void extractsTheTextOfADocx() throws Exception {
        Uploads upload = document(
                SourceFormat.DOCX, docx("Soil pH governs nutrient uptake.", "Lime raises the pH of acidic soils."));

        assertThat(upload.records).hasSize(1);
        assertThat(upload.records.get(0).fields().get("text"))
                .contains("Soil pH governs nutrient uptake.")
                .contains("Lime raises the pH of acidic soils.");
    }

    @Test
    void extractsTablesAndHeadersAndSkipsEmbeddedImages() throws Exception {
        byte[] bytes;
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createHeader(HeaderFooterType.DEFAULT)
                    .createParagraph()
                    .createRun()
                    .setText("Agronomy handbook");
            doc.createParagraph().createRun().setText("Recommended rates follow.");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Crop");
            table.getRow(0).getCell(1).setText("Nitrogen kg/ha");
            table.getRow(1).getCell(0).setText("Maize");
            table.getRow(1).getCell(1).setText("120");
            doc.createParagraph()
                    .createRun()
                    .addPicture(
                            new ByteArrayInputStream(png()),
                            Document.PICTURE_TYPE_PNG,
                            "field.png",
                            Units.toEMU(10),
                            Units.toEMU(10));
            doc.write(out);
            bytes = out.toByteArray();
        }

        String text = document(SourceFormat.DOCX, bytes).records.get(0).fields().get("text");

        assertThat(text).contains("Agronomy handbook", "Recommended rates follow.", "Maize", "120", "Nitrogen kg/ha");
    }

    @Test
    void aPasswordProtectedDocxIsRejectedAsEncrypted() {
        byte[] ole2 = new byte[1024];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole2, 0, magic.length);

        assertThatThrownBy(() -> document(SourceFormat.DOCX, ole2))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("password-protected")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.ENCRYPTED);
    }

    @Test
    void extractsTheTextOfAPdf() throws Exception {
        Uploads upload = document(SourceFormat.PDF, pdf("Mitral stenosis narrows the valve opening.", null));

        assertThat(upload.records).hasSize(1);
        assertThat(upload.records.get(0).fields().get("text")).contains("Mitral stenosis narrows the valve opening.");
    }

    @Test
    void aPasswordProtectedPdfIsRejectedAsEncrypted() throws Exception {
        byte[] locked = pdf("Secret text.", "open-sesame");

        assertThatThrownBy(() -> document(SourceFormat.PDF, locked))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("password-protected")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.ENCRYPTED);
    }

    @Test
    void aPdfWithoutTextIsRejected() throws Exception {
        byte[] blank;
        try (PDDocument pdf = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.addPage(new PDPage());
            pdf.save(out);
            blank = out.toByteArray();
        }

        assertThatThrownBy(() -> document(SourceFormat.PDF, blank))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("no text was found")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.NO_TEXT);
    }

    @Test
    void bytesThatAreNotAPdfAreUnreadable() {
        byte[] junk = "%PDF-1.7 this is not really a PDF".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> document(SourceFormat.PDF, junk))
                .isInstanceOf(FileRejected.class)
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.UNREADABLE);
    }

    @Test
    void aDocxThatIsNotAZipIsUnreadable() {
        assertThatThrownBy(() -> document(SourceFormat.DOCX, "plain text".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("not a valid DOCX")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.UNREADABLE);
    }

    @Test
    void aDocxBombIsRejectedFromItsDeclaredSizesWithoutExpandingIt() throws Exception {
        byte[] bomb = docxBomb(100L * 1024 * 1024);

        long started = System.nanoTime();
        assertThatThrownBy(() -> document(SourceFormat.DOCX, bomb))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("decompression bomb")
                .hasMessageContaining("word/document.xml expands from")
                // The declared size, not a count reached while inflating: nothing was expanded.
                .hasMessageContaining("to over " + (100L * 1024 * 1024) + " bytes")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.UNSAFE_ARCHIVE);
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("milliseconds to reject")
                .isLessThan(1_000);
    }

    @Test
    void aDocxBombThatUnderstatesItsSizeIsStoppedWhileInflating() throws Exception {
        byte[] bomb = docxBomb(64L * 1024 * 1024);
        understateSizeInCentralDirectory(bomb, "word/document.xml", 2_000);

        assertThatThrownBy(() -> document(SourceFormat.DOCX, bomb))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("word/document.xml expands from")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.UNSAFE_ARCHIVE);
    }

    @Test
    void markdownIsChunkedIntoNumberedDocumentRecords() throws Exception {
        String paragraph = "Crop rotation breaks pest cycles and restores nitrogen. ".repeat(10);
        String markdown = "# Rotation\n\n" + paragraph + "\n\n## Cover crops\n\n" + paragraph;

        Uploads upload = Uploads.read(
                RecordType.DOCUMENT,
                SourceFormat.MARKDOWN,
                markdown.getBytes(StandardCharsets.UTF_8),
                Limits.DEFAULT.withChunking(new Chunking(600, 50)));

        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(1, 2, 3);
        assertThat(upload.records)
                .allSatisfy(r -> assertThat(r.fields().get("text")).hasSizeLessThanOrEqualTo(600));
        assertThat(upload.records.get(0).fields().get("text")).startsWith("# Rotation");
    }

    // ------------------------------------------------------------ builders

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] docx(String... paragraphs) throws IOException {
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : paragraphs) {
                doc.createParagraph().createRun().setText(text);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(String text, String password) throws IOException {
        try (PDDocument pdf = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            if (password != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner-" + password, password, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                pdf.protect(policy);
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** A DOCX-shaped ZIP whose document.xml inflates to {@code expandedBytes} of repeated XML. */
    static byte[] docxBomb(long expandedBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(
                    ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                                    + "wordprocessingml.document.main+xml\"/></Types>")
                            .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] filler = new byte[1024 * 1024];
            java.util.Arrays.fill(filler, (byte) ' ');
            for (long written = 0; written < expandedBytes; written += filler.length) {
                zip.write(filler);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Rewrites the uncompressed size a ZIP's central directory declares for {@code name}. */
    static void understateSizeInCentralDirectory(byte[] zip, String name, int declared) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (buffer.getInt(i) == 0x02014b50
                    && buffer.getShort(i + 28) == nameBytes.length
                    && new String(zip, i + 46, nameBytes.length, StandardCharsets.UTF_8).equals(name)) {
                buffer.putInt(i + 24, declared);
                return;
            }
        }
        throw new IllegalStateException(name + " not found in the central directory");
    }
}
