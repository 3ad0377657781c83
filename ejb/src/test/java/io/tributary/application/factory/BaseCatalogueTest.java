package io.tributary.application.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.InvalidInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An imported folder is unpacked by file name only, and every malformed zip is refused with what to send instead. */
class BaseCatalogueTest {

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void theThreeFilesAreTakenByNameWhereverTheySitAndNothingElseIsWritten(@TempDir Path dir) throws IOException {
        BaseCatalogue.unzip(
                new ByteArrayInputStream(zip(
                        "my-model/config.json",
                        "my-model/model.safetensors",
                        "my-model/tokenizer.json",
                        "my-model/README.md",
                        "../../etc/evil.sh")),
                dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.json", "model.safetensors", "tokenizer.json");
        }
        assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo("content of my-model/config.json");
        assertThat(dir.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void aTraversingNameLandsInTheFolderUnderItsFileName(@TempDir Path dir) throws IOException {
        BaseCatalogue.unzip(
                new ByteArrayInputStream(zip("../../config.json", "/abs/model.safetensors", "a\\b\\tokenizer.json")),
                dir.resolve("inner"));
        assertThat(dir.resolve("inner/config.json")).exists();
        assertThat(dir.resolve("config.json")).doesNotExist();
    }

    @Test
    void missingRepeatedOrUnreadableFoldersAreRefusedClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> BaseCatalogue.unzip(new ByteArrayInputStream(zip("config.json")), dir))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("lacks model.safetensors, tokenizer.json");
        assertThatThrownBy(() -> BaseCatalogue.unzip(
                        new ByteArrayInputStream(zip("a/config.json", "b/config.json")), dir.resolve("x")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("config.json twice");
        assertThatThrownBy(() -> BaseCatalogue.unzip(
                        new ByteArrayInputStream("not a zip at all".getBytes(StandardCharsets.UTF_8)), dir))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("lacks");
    }

    @Test
    void theFoldersGenerationConfigComesAlongAndOutOfRangeSettingsAreRefusedWithoutServerPaths(@TempDir Path dir)
            throws IOException {
        byte[] recommended = zipOf(Map.of(
                "m/config.json", "{}",
                "m/model.safetensors", "x",
                "m/tokenizer.json", "{}",
                "m/generation_config.json", "{\"do_sample\": true, \"temperature\": 0.7, \"bos_token_id\": 1}"));
        BaseCatalogue.unzip(new ByteArrayInputStream(recommended), dir.resolve("good"));
        assertThat(dir.resolve("good/generation_config.json")).exists();

        byte[] outOfRange = zipOf(Map.of(
                "config.json",
                "{}",
                "model.safetensors",
                "x",
                "tokenizer.json",
                "{}",
                "generation_config.json",
                "{\"top_p\": 2}"));
        assertThatThrownBy(() -> BaseCatalogue.unzip(new ByteArrayInputStream(outOfRange), dir.resolve("bad")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("generation_config.json: topP must be in (0, 1]")
                .message()
                .doesNotContain(dir.toString());
    }

    private static byte[] zipOf(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
