package io.tributary.application.datanet.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Path;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts the text of a PDF or DOCX with Apache Tika, writing it straight into the chunker.
 *
 * <p>The concrete parsers are called directly instead of Tika's auto-detection, so no other
 * parser, OCR engine or external tool is ever loaded, and embedded files (images, attached
 * documents) are skipped rather than parsed recursively.
 */
final class DocumentText {

    private DocumentText() {}

    /** Writes the body text of {@code file} to {@code out}; {@code out} may throw to stop early. */
    static void extract(SourceFormat format, Path file, Writer out) throws FileRejected, IOException {
        Parser parser = switch (format) {
            case PDF -> new PDFParser();
            case DOCX -> new OOXMLParser();
            default -> throw new IllegalArgumentException(format + " is not extracted with Tika");
        };
        ParseContext context = new ParseContext();
        context.set(EmbeddedDocumentExtractor.class, new SkipEmbedded());
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(true);
        context.set(PDFParserConfig.class, pdf);
        // -1: no write limit here; the record cap and the upload size cap bound the output.
        ContentHandler handler = new BodyContentHandler(out);
        Metadata metadata = new Metadata();
        try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
            parser.parse(stream, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            throw new FileRejected(
                    FileRejected.Reason.ENCRYPTED,
                    "the " + format + " is password-protected; remove the protection and upload it again",
                    e);
        } catch (TikaException | SAXException e) {
            throw new FileRejected(
                    FileRejected.Reason.UNREADABLE,
                    "the " + format + " could not be read (" + rootMessage(e)
                            + "); check that it opens in a viewer, or export it again",
                    e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RecordReader.Stopped) {
                throw e;
            }
            throw new FileRejected(
                    FileRejected.Reason.UNREADABLE, "the " + format + " could not be read (" + rootMessage(e) + ")", e);
        } catch (LinkageError e) {
            // Features whose libraries we leave out on purpose (certificate encryption, signatures).
            throw new FileRejected(
                    FileRejected.Reason.UNREADABLE,
                    "the " + format + " uses a feature that is not supported ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** Embedded images and attachments are not part of the contributed text. */
    private static final class SkipEmbedded implements EmbeddedDocumentExtractor {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {}
    }
}
