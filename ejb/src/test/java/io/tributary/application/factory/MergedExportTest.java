package io.tributary.application.factory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged export loads as a plain model whose logits are the base's with the adapter, within float tolerance. */
class MergedExportTest {

    private static final Path SHIPPED_BASE = Path.of("../model-training/base-model");

    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void theMergedModelAnswersAsTheBaseWithItsAdapter(@TempDir Path dir) throws Exception {
        try (LanguageModel base = LanguageModel.load(SHIPPED_BASE)) {
            Path adapterDir = dir.resolve("adapter");
            int[] tokens = base.requireTokenizer().encode("What colour is the sky on a clear day?");
            float[][] expected;
            float[][] plain = base.logits(tokens);
            try (Adapter adapter =
                    Adapter.create(base, AdapterConfig.of(4, 8, 0, List.of("c_attn", "c_proj", "c_fc")), 5)) {
                // A fresh adapter's B is zero (it changes nothing); random B makes the merge visible.
                Random random = new Random(6);
                for (var e : adapter.tensors().entrySet()) {
                    if (e.getKey().contains("lora_B")) {
                        float[] values = new float[(int) e.getValue().size()];
                        for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * 0.05);
                        e.getValue().set(values);
                    }
                }
                adapter.save(adapterDir);
                expected = base.logits(tokens, adapter);
            }

            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            MergedExport.write(SHIPPED_BASE, adapterDir, dir.resolve("work"), zip);

            Path unpacked = dir.resolve("unpacked");
            List<String> names = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
                for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    names.add(e.getName());
                    Path target = unpacked.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes());
                }
            }
            assertThat(names).containsExactly("model/config.json", "model/model.safetensors", "model/tokenizer.json");
            try (Stream<Path> left = Files.list(dir.resolve("work"))) {
                assertThat(left).as("the staging folder is removed").isEmpty();
            }

            try (LanguageModel merged = LanguageModel.load(unpacked.resolve("model"))) {
                float[][] actual = merged.logits(tokens);
                float maxDifference = 0;
                float maxChange = 0;
                for (int t = 0; t < actual.length; t++) {
                    for (int v = 0; v < actual[t].length; v++) {
                        maxDifference = Math.max(maxDifference, Math.abs(actual[t][v] - expected[t][v]));
                        maxChange = Math.max(maxChange, Math.abs(actual[t][v] - plain[t][v]));
                    }
                }
                assertThat(maxChange)
                        .as("the adapter changes the base's answers")
                        .isGreaterThan(0.05f);
                assertThat(maxDifference).as("merged equals base + adapter").isLessThan(1e-3f);
                assertThat(merged.requireTokenizer().encode("What colour is the sky on a clear day?"))
                        .containsExactly(tokens);
            }
        }
    }
}
