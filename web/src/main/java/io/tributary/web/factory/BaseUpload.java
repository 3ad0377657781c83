package io.tributary.web.factory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.primefaces.event.FileUploadEvent;

/**
 * A zipped model folder uploaded on a page, kept in a temporary file (not in the session: folders are large) until
 * the person imports it with a name and a licence.
 */
final class BaseUpload implements Serializable {

    private String fileName;
    private String path;

    void received(FileUploadEvent event) {
        discard();
        try (InputStream in = event.getFile().getInputStream()) {
            Path file = Files.createTempFile("tributary-base-", ".zip");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            path = file.toString();
            fileName = event.getFile().getFileName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uploaded zip, or null when nothing was uploaded. */
    InputStream open() throws IOException {
        return path == null ? null : Files.newInputStream(Path.of(path));
    }

    void discard() {
        if (path != null) {
            try {
                Files.deleteIfExists(Path.of(path));
            } catch (IOException e) {
                // a temporary file the system cleans up anyway
            }
        }
        path = null;
        fileName = null;
    }

    String fileName() {
        return fileName;
    }
}
