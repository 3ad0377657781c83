package io.tributary.application.factory;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A run's adapter merged into its base's weights, as a Hugging Face folder ({@code config.json}, {@code
 * model.safetensors}, {@code tokenizer.json}) in a zip: what tools without LoRA support load directly. The merge is
 * the model library's ({@link LanguageModel#merge}); the folder is staged in a work directory and removed after.
 */
final class MergedExport {

    /** The folder's files, in the zip under {@code model/}. */
    static final List<String> FILES =
            List.of(LanguageModel.CONFIG_FILE, LanguageModel.WEIGHTS_FILE, LanguageModel.TOKENIZER_FILE);

    private MergedExport() {}

    static void write(Path base, Path adapter, Path work, OutputStream out) throws IOException {
        Files.createDirectories(work);
        Path staging = Files.createTempDirectory(work, "merged-");
        try {
            try (LanguageModel model = LanguageModel.load(base);
                    Adapter lora = Adapter.load(adapter, model)) {
                model.merge(lora);
                model.save(staging);
            }
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String file : FILES) {
                    zip.putNextEntry(new ZipEntry("model/" + file));
                    Files.copy(staging.resolve(file), zip);
                    zip.closeEntry();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(staging)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
