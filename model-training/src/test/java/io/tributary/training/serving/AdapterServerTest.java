package io.tributary.training.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.training.TestModels;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.generate.TokenListener;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterServerTest {

    private static final AdapterSource NONE = id -> {
        throw new IOException("no adapter " + id);
    };

    @Test
    void mixedAdapterBatchEqualsEachRowAloneWithItsAdapter() throws IOException {
        try (LanguageModel model = TestModels.tinyModel(40);
                Adapter rank2 = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 1);
                Adapter rank4 = TestModels.randomAdapter(model, AdapterConfig.defaults(), 2);
                Adapter rank8 =
                        TestModels.randomAdapter(model, AdapterConfig.of(8, 8, 0, List.of("c_fc", "mlp.c_proj")), 3);
                AdapterCache cache = new AdapterCache(model, NONE, 4, 8);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 8)) {
            cache.put("a", rank2);
            cache.put("b", rank4);
            cache.put("c", rank8);
            Map<String, Adapter> byId = new HashMap<>();
            byId.put("a", rank2);
            byId.put("b", rank4);
            byId.put("c", rank8);
            int[] text = TestModels.tokens(TestModels.TEXT);
            List<int[]> rows = List.of(
                    Arrays.copyOfRange(text, 0, 12),
                    Arrays.copyOfRange(text, 5, 20),
                    Arrays.copyOfRange(text, 3, 9),
                    Arrays.copyOfRange(text, 1, 20),
                    Arrays.copyOfRange(text, 0, 12));
            List<String> ids = Arrays.asList("a", null, "c", "b", "b");
            float[][][] batched = server.logits(rows, ids);
            for (int r = 0; r < rows.size(); r++) {
                float[][] alone = model.logits(rows.get(r), ids.get(r) == null ? null : byId.get(ids.get(r)));
                assertThat(batched[r]).hasSameDimensionsAs(alone);
                assertThat(TestModels.maxAbsDifference(batched[r], alone))
                        .as("row %d", r)
                        .isLessThan(1e-5f);
            }
            // Rows 0 and 4 share tokens but not adapters: their logits must differ.
            assertThat(TestModels.maxAbsDifference(batched[0], batched[4])).isGreaterThan(1e-3f);
        }
    }

    @Test
    void continuousBatchingGivesEachRequestWhatItWouldGetAlone() throws Exception {
        try (LanguageModel model = TestModels.tinyModel(41);
                Adapter first =
                        TestModels.randomAdapter(model, AdapterConfig.of(4, 8, 0, List.of("c_attn", "c_fc")), 5);
                Adapter second = TestModels.randomAdapter(model, AdapterConfig.of(2, 2, 0, List.of("c_proj")), 6);
                AdapterCache cache = new AdapterCache(model, NONE, 4, 4);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 2)) {
            cache.put("first", first);
            cache.put("second", second);
            Generator generator = new Generator(model);
            String[] prompts = {"And God", "the light", "In the beginning God created", "darkness"};
            String[] adapterIds = {"first", null, "second", "first"};
            Adapter[] adapters = {first, null, second, first};
            int[] lengths = {12, 5, 9, 15};
            List<CompletableFuture<Generation>> futures = new ArrayList<>();
            // Two requests first; more join while those are still decoding.
            for (int i = 0; i < 2; i++) {
                futures.add(server.submit(ServingRequest.of(prompts[i], adapterIds[i], greedy(lengths[i]))));
            }
            server.step();
            server.step();
            assertThat(server.activeCount()).isEqualTo(2);
            for (int i = 2; i < 4; i++) {
                futures.add(server.submit(ServingRequest.of(prompts[i], adapterIds[i], greedy(lengths[i]))));
            }
            server.runUntilIdle();
            for (int i = 0; i < 4; i++) {
                Generation served = futures.get(i).get(1, TimeUnit.SECONDS);
                Generation alone =
                        generator.generate(prompts[i], adapters[i], greedy(lengths[i]), TokenListener.none());
                assertThat(served.tokens()).as("request %d", i).containsExactly(alone.tokens());
                assertThat(served.text()).isEqualTo(alone.text());
            }
        }
    }

    @Test
    void continuousBatchingOnALlamaBaseGivesEachRequestWhatItWouldGetAlone() throws Exception {
        try (LanguageModel model = TestModels.tinyLlama(43);
                Adapter first = TestModels.randomAdapter(
                        model, AdapterConfig.of(4, 8, 0, List.of("q_proj", "v_proj", "down_proj")), 7);
                Adapter second = TestModels.randomAdapter(
                        model, AdapterConfig.of(2, 4, 0, model.network().allProjectionTargets()), 8);
                AdapterCache cache = new AdapterCache(model, NONE, 4, 4);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 3)) {
            cache.put("first", first);
            cache.put("second", second);
            Generator generator = new Generator(model);
            String[] prompts = {"And God", "the light", "In the beginning God created"};
            String[] adapterIds = {"first", null, "second"};
            Adapter[] adapters = {first, null, second};
            int[] lengths = {12, 5, 9};
            List<CompletableFuture<Generation>> futures = new ArrayList<>();
            futures.add(server.submit(ServingRequest.of(prompts[0], adapterIds[0], greedy(lengths[0]))));
            server.step();
            for (int i = 1; i < 3; i++) {
                futures.add(server.submit(ServingRequest.of(prompts[i], adapterIds[i], greedy(lengths[i]))));
            }
            server.runUntilIdle();
            for (int i = 0; i < 3; i++) {
                Generation served = futures.get(i).get(1, TimeUnit.SECONDS);
                Generation alone =
                        generator.generate(prompts[i], adapters[i], greedy(lengths[i]), TokenListener.none());
                assertThat(served.tokens()).as("request %d", i).containsExactly(alone.tokens());
            }
        }
    }

    private static GenerationConfig greedy(int tokens) {
        return GenerationConfig.builder()
                .maxNewTokens(tokens)
                .stopAtEndOfText(false)
                .build();
    }

    @Test
    void backgroundSchedulerServesSubmittedRequests() throws Exception {
        try (LanguageModel model = TestModels.tinyModel(42);
                AdapterCache cache = new AdapterCache(model, NONE, 2, 4);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
            server.start();
            List<String> streamed = new ArrayList<>();
            Generation g = server.submit(new ServingRequest("God", null, greedy(6), (id, text) -> streamed.add(text)))
                    .get(30, TimeUnit.SECONDS);
            assertThat(g.tokens()).hasSize(6);
            assertThat(String.join("", streamed)).isEqualTo(g.text());
        }
    }

    @Test
    void cacheEvictsLeastRecentlyUsedUnpinnedAdaptersAndLoadsOnMiss(@TempDir Path dir) throws IOException {
        try (LanguageModel model = TestModels.tinyModel(43)) {
            for (String id : List.of("x", "y", "z")) {
                try (Adapter a =
                        TestModels.randomAdapter(model, AdapterConfig.of(2, 2, 0, List.of("c_attn")), id.hashCode())) {
                    a.save(dir.resolve(id));
                }
            }
            try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 2, 4);
                    AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
                int[] row = Arrays.copyOf(TestModels.tokens(TestModels.TEXT), 8);
                cache.pin("x");
                server.logits(List.of(row), Arrays.asList("y"));
                assertThat(cache.loads()).isEqualTo(2);
                assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactly("y", "x");
                server.logits(List.of(row), Arrays.asList("z"));
                // x is pinned, so y (the only unpinned one) is evicted although x was used earlier.
                assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactlyInAnyOrder("x", "z");
                assertThat(cache.evictions()).isEqualTo(1);
                assertThat(cache.resident().stream().filter(ResidentAdapter::pinned))
                        .extracting(ResidentAdapter::id)
                        .containsExactly("x");
                cache.unpin("x");
                server.logits(List.of(row), Arrays.asList("y"));
                assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactlyInAnyOrder("y", "z");
                // A reloaded adapter gives the same logits as loading it directly.
                try (Adapter y = Adapter.load(dir.resolve("y"), model)) {
                    float[][] served = server.logits(List.of(row), Arrays.asList("y"))[0];
                    assertThat(TestModels.maxAbsDifference(served, model.logits(row, y)))
                            .isLessThan(1e-5f);
                }
                assertThatThrownBy(() -> server.logits(List.of(row, row, row), Arrays.asList("x", "y", "z")))
                        .hasMessageContaining("holds only 2");
                assertThatThrownBy(() -> server.logits(List.of(row), Arrays.asList("missing")))
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void aFullCacheOfPinnedAdaptersRefusesNewOnesAndFailsOnlyThatRequest() throws Exception {
        try (LanguageModel model = TestModels.tinyModel(44);
                Adapter a = TestModels.randomAdapter(model, AdapterConfig.of(2, 2, 0, List.of("c_attn")), 1);
                Adapter b = TestModels.randomAdapter(model, AdapterConfig.of(2, 2, 0, List.of("c_attn")), 2);
                AdapterCache cache = new AdapterCache(model, id -> id.equals("b") ? copyOf(model, b) : null, 1, 2);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
            cache.put("a", a);
            cache.pin("a");
            CompletableFuture<Generation> refused = server.submit(ServingRequest.of("God", "b", greedy(3)));
            CompletableFuture<Generation> served = server.submit(ServingRequest.of("God", "a", greedy(3)));
            server.runUntilIdle();
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).hasMessageContaining("pinned");
            assertThat(served.get(1, TimeUnit.SECONDS).tokens()).hasSize(3);
            cache.unpin("a");
            CompletableFuture<Generation> later = server.submit(ServingRequest.of("God", "b", greedy(3)));
            server.runUntilIdle();
            assertThat(later.get(1, TimeUnit.SECONDS).tokens()).hasSize(3);
            assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactly("b");
        }
    }

    private static Adapter copyOf(LanguageModel model, Adapter adapter) throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory("adapter");
        adapter.save(dir);
        return Adapter.load(dir, model);
    }
}
