package io.tributary.application.datanet;

import io.tributary.application.InvalidInput;
import io.tributary.application.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keeps the original bytes of every upload on the filesystem, named by their SHA-256 (so identical files are stored
 * once and a file can always be checked against its hash). Streams with a size cap: a file is never held in memory.
 */
@ApplicationScoped
public class FileStorage {

    /** A stored original: its hash, size and place; {@code created} when this upload brought new bytes. */
    public record Stored(String sha256, long size, Path path, boolean created) {}

    private Path root() {
        String configured = Settings.STORAGE_DIR.value();
        Path root = configured.isEmpty()
                ? Path.of(System.getProperty("jboss.server.data.dir", ".tributary"), "tributary-files")
                : Path.of(configured);
        try {
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the file store at " + root, e);
        }
    }

    public Stored store(InputStream in, long maxBytes) throws IOException {
        Path root = root();
        Path temp = Files.createTempFile(root, "upload-", ".part");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw new InvalidInput(
                            "file",
                            "The file is larger than this DataNet's limit of " + megabytes(maxBytes)
                                    + "; nothing was stored.");
                }
                sha.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (size == 0) {
            Files.deleteIfExists(temp);
            throw new InvalidInput("file", "The file is empty; nothing was stored.");
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        Path target = root.resolve(hash.substring(0, 2)).resolve(hash);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.delete(temp);
            return new Stored(hash, size, target, false);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return new Stored(hash, size, target, true);
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(root().resolve(sha256.substring(0, 2)).resolve(sha256));
    }

    /** Removes bytes this upload brought in, when the upload did not go through. */
    public void discard(Stored stored) {
        if (stored.created()) {
            try {
                Files.deleteIfExists(stored.path());
            } catch (IOException e) {
                // An orphaned file is harmless: it is content-addressed and never referenced.
            }
        }
    }

    /** A size as people read it: "50 MB", "512 KB". */
    public static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : (bytes / 1024) + " KB";
    }
}
