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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
                futures.add(server.submit(ServingRequest.of(prompts[i], adapterIds[i], decoding(i, lengths[i]))));
            }
            server.step();
            server.step();
            assertThat(server.activeCount()).isEqualTo(2);
            for (int i = 2; i < 4; i++) {
                futures.add(server.submit(ServingRequest.of(prompts[i], adapterIds[i], decoding(i, lengths[i]))));
            }
            server.runUntilIdle();
            for (int i = 0; i < 4; i++) {
                Generation served = futures.get(i).get(1, TimeUnit.SECONDS);
                Generation alone =
                        generator.generate(prompts[i], adapters[i], decoding(i, lengths[i]), TokenListener.none());
                assertThat(served.tokens()).as("request %d", i).containsExactly(alone.tokens());
                assertThat(served.text()).isEqualTo(alone.text());
            }
        }
    }

    /** Request 2 avoids repeating its prompt and answer: the server must count the prompt as the generator does. */
    private static GenerationConfig decoding(int request, int length) {
        return request == 2
                ? GenerationConfig.builder()
                        .maxNewTokens(length)
                        .repetitionPenalty(1.5)
                        .noRepeatNgramSize(2)
                        .build()
                : greedy(length);
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

    @Test
    void aColdAdapterWaitsWhileEveryResidentAdapterIsInUseInsteadOfFailing(@TempDir Path dir) throws Exception {
        try (LanguageModel model = TestModels.tinyModel(47);
                Adapter a = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 11);
                Adapter b = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 12)) {
            a.save(dir.resolve("a"));
            b.save(dir.resolve("b"));
            // Room for one adapter; "a" is in use by a running request when "b" is asked for.
            try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 1, 2);
                    AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
                CompletableFuture<Generation> first = server.submit(ServingRequest.of("And God", "a", greedy(12)));
                CompletableFuture<Generation> base = server.submit(ServingRequest.of("the light", null, greedy(4)));
                server.runUntilIdle();
                CompletableFuture<Generation> running = server.submit(ServingRequest.of("And God", "a", greedy(12)));
                server.step();
                CompletableFuture<Generation> second = server.submit(ServingRequest.of("the light", "b", greedy(5)));
                server.step();
                assertThat(server.queuedCount()).isEqualTo(1);
                assertThat(second).isNotDone();
                server.runUntilIdle();
                Generator generator = new Generator(model);
                assertThat(second.get(1, TimeUnit.SECONDS).tokens())
                        .containsExactly(generator
                                .generate("the light", b, greedy(5), TokenListener.none())
                                .tokens());
                assertThat(running.get(1, TimeUnit.SECONDS).tokens())
                        .containsExactly(generator
                                .generate("And God", a, greedy(12), TokenListener.none())
                                .tokens());
                assertThat(first.get(1, TimeUnit.SECONDS).tokens()).hasSize(12);
                assertThat(base.get(1, TimeUnit.SECONDS).tokens()).hasSize(4);
                assertThat(cache.snapshot().evictions()).isEqualTo(1);
                assertThat(server.queuedCount()).isZero();
            }
        }
    }

    @Test
    void rowsChangingAdapterBetweenDecodeStepsWithEvictionsGiveWhatEachGetsAlone(@TempDir Path dir) throws Exception {
        try (LanguageModel model = TestModels.tinyModel(48)) {
            int[] ranks = {2, 4, 8, 4, 2};
            List<Adapter> adapters = new ArrayList<>();
            try {
                for (int i = 0; i < ranks.length; i++) {
                    Adapter a = TestModels.randomAdapter(
                            model,
                            AdapterConfig.of(
                                    ranks[i],
                                    2 * ranks[i],
                                    0,
                                    i % 2 == 0 ? List.of("c_attn", "c_fc") : List.of("c_proj")),
                            20 + i);
                    a.save(dir.resolve("a" + i));
                    adapters.add(a);
                }
                // Three rows, room for three adapters: rows leave and join with other adapters at every few steps,
                // and adapters are evicted and loaded again while others decode.
                try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 3, 8);
                        AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 3)) {
                    String[] prompts = {"And God", "the light", "In the beginning", "darkness", "God created"};
                    List<CompletableFuture<Generation>> futures = new ArrayList<>();
                    List<Integer> used = new ArrayList<>();
                    for (int i = 0; i < 14; i++) {
                        int adapter = i % (ranks.length + 1) - 1; // -1: the base alone
                        used.add(adapter);
                        futures.add(server.submit(ServingRequest.of(
                                prompts[i % prompts.length], adapter < 0 ? null : "a" + adapter, greedy(3 + i % 5))));
                    }
                    server.runUntilIdle();
                    Generator generator = new Generator(model);
                    for (int i = 0; i < futures.size(); i++) {
                        int adapter = used.get(i);
                        Generation alone = generator.generate(
                                prompts[i % prompts.length],
                                adapter < 0 ? null : adapters.get(adapter),
                                greedy(3 + i % 5),
                                TokenListener.none());
                        assertThat(futures.get(i).get(1, TimeUnit.SECONDS).tokens())
                                .as("request %d with adapter %d", i, adapter)
                                .containsExactly(alone.tokens());
                    }
                    assertThat(cache.snapshot().evictions()).isPositive();
                }
            } finally {
                adapters.forEach(Adapter::close);
            }
        }
    }

    @Test
    void aRequestWaitingForRoomIsServedBeforeNewerRequestsThatWouldKeepTheCacheBusy(@TempDir Path dir)
            throws Exception {
        try (LanguageModel model = TestModels.tinyModel(49);
                Adapter a = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 13);
                Adapter b = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 14)) {
            a.save(dir.resolve("a"));
            b.save(dir.resolve("b"));
            try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 1, 2);
                    AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
                List<String> firstTokens = Collections.synchronizedList(new ArrayList<>());
                java.util.function.Function<String, TokenListener> first = name -> (id, text) -> {
                    if (!firstTokens.contains(name)) {
                        firstTokens.add(name);
                    }
                };
                cache.load("a");
                CompletableFuture<Generation> older =
                        server.submit(new ServingRequest("And God", "a", greedy(8), first.apply("older a")));
                server.step();
                CompletableFuture<Generation> waiting =
                        server.submit(new ServingRequest("the light", "b", greedy(3), first.apply("b")));
                server.step();
                CompletableFuture<Generation> newer =
                        server.submit(new ServingRequest("darkness", "a", greedy(3), first.apply("newer a")));
                server.runUntilIdle();
                assertThat(older.get(1, TimeUnit.SECONDS).tokens()).hasSize(8);
                assertThat(waiting.get(1, TimeUnit.SECONDS).tokens()).hasSize(3);
                assertThat(newer.get(1, TimeUnit.SECONDS).tokens()).hasSize(3);
                // The newer request for the resident adapter waited behind the one waiting for room.
                assertThat(firstTokens).containsExactly("older a", "b", "newer a");
            }
        }
    }

    @Test
    void aThrowingListenerFailsOnlyItsOwnRequest() throws Exception {
        try (LanguageModel model = TestModels.tinyModel(45);
                AdapterCache cache = new AdapterCache(model, NONE, 2, 4);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
            server.start();
            CompletableFuture<Generation> failing =
                    server.submit(new ServingRequest("God", null, greedy(6), (id, text) -> {
                        throw new IllegalStateException("the client went away");
                    }));
            CompletableFuture<Generation> neighbour = server.submit(ServingRequest.of("the light", null, greedy(6)));
            assertThatThrownBy(() -> failing.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("the client went away");
            assertThat(neighbour.get(60, TimeUnit.SECONDS).tokens()).hasSize(6);
            // The scheduler thread is still alive for later requests.
            CompletableFuture<Generation> later = server.submit(ServingRequest.of("darkness", null, greedy(4)));
            assertThat(later.get(60, TimeUnit.SECONDS).tokens()).hasSize(4);
        }
    }

    @Test
    void runningSequencesKeepDecodingWhileAColdAdapterLoads(@TempDir Path dir) throws Exception {
        try (LanguageModel model = TestModels.tinyModel(46);
                Adapter adapter = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 9)) {
            adapter.save(dir);
            CountDownLatch loadStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean loaded = new AtomicBoolean();
            AdapterSource slow = id -> {
                loadStarted.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the load");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                Adapter a = Adapter.load(dir, model);
                loaded.set(true);
                return a;
            };
            try (AdapterCache cache = new AdapterCache(model, slow, 4, 4);
                    AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4)) {
                AtomicInteger streamed = new AtomicInteger();
                CompletableFuture<Generation> running = server.submit(
                        new ServingRequest("And God", null, greedy(30), (id, text) -> streamed.incrementAndGet()));
                server.step();
                CompletableFuture<Generation> cold = server.submit(ServingRequest.of("the light", "slow", greedy(5)));
                server.step();
                assertThat(loadStarted.await(60, TimeUnit.SECONDS)).isTrue();
                int before = streamed.get();
                for (int i = 0; i < 5; i++) {
                    server.step();
                }
                // The load is still blocked in the source, yet the running sequence produced five more tokens.
                assertThat(loaded).isFalse();
                assertThat(server.loadingCount()).isEqualTo(1);
                assertThat(streamed.get()).isGreaterThanOrEqualTo(before + 5);
                assertThat(cold).isNotDone();
                release.countDown();
                server.runUntilIdle();
                Generation alone = new Generator(model).generate("the light", adapter, greedy(5), TokenListener.none());
                assertThat(cold.get(1, TimeUnit.SECONDS).tokens()).containsExactly(alone.tokens());
                assertThat(running.get(1, TimeUnit.SECONDS).tokens()).hasSize(30);
                AdapterCacheSnapshot snapshot = cache.snapshot();
                assertThat(snapshot.loads()).isEqualTo(1);
                assertThat(snapshot.recentColdLoads()).hasSize(1);
                assertThat(snapshot.resident()).extracting(ResidentAdapter::id).containsExactly("slow");
            }
        }
    }

    @Test
    void residentBytesAreTheSumOfTheAdaptersSizesForMixedRanks() {
        try (LanguageModel model = TestModels.tinyModel(47);
                Adapter rank2 = TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0, List.of("c_attn")), 1);
                Adapter rank4 = TestModels.randomAdapter(model, AdapterConfig.of(4, 8, 0, List.of("c_proj")), 2);
                Adapter rank8 = TestModels.randomAdapter(model, AdapterConfig.defaults(), 3);
                AdapterCache cache = new AdapterCache(model, NONE, 1000, 8)) {
            assertThat(cache.residentBytes()).isZero();
            cache.put("two", rank2);
            cache.put("four", rank4);
            cache.put("eight", rank8);
            // Aᵀ [in, r] and Bᵀ [r, out] in float32: 4 bytes per LoRA parameter, nothing for the 997 free places.
            Map<String, Long> expected = Map.of(
                    "two", 4 * rank2.parameterCount(),
                    "four", 4 * rank4.parameterCount(),
                    "eight", 4 * rank8.parameterCount());
            AdapterCacheSnapshot snapshot = cache.snapshot();
            assertThat(snapshot.residentBytes())
                    .isEqualTo(expected.values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            for (ResidentAdapter r : snapshot.resident()) {
                assertThat(r.bytes()).as(r.id()).isEqualTo(expected.get(r.id()));
            }
            assertThat(snapshot.resident())
                    .extracting(ResidentAdapter::id, ResidentAdapter::rank)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("eight", 8),
                            org.assertj.core.groups.Tuple.tuple("four", 4),
                            org.assertj.core.groups.Tuple.tuple("two", 2));
            assertThat(cache.unload("eight")).isTrue();
            assertThat(cache.residentBytes()).isEqualTo(expected.get("two") + expected.get("four"));
        }
    }

    @Test
    void evictionKeepsResidentBytesWithinTheBudgetAndSparesPinnedAdapters(@TempDir Path dir) throws IOException {
        try (LanguageModel model = TestModels.tinyModel(48)) {
            long small = 0;
            long big = 0;
            for (String id : List.of("a", "b", "c", "big")) {
                AdapterConfig config = id.equals("big")
                        ? AdapterConfig.of(8, 8, 0, model.network().allProjectionTargets())
                        : AdapterConfig.of(2, 2, 0, List.of("c_attn"));
                try (Adapter adapter = TestModels.randomAdapter(model, config, id.hashCode())) {
                    adapter.save(dir.resolve(id));
                    if (id.equals("big")) {
                        big = 4 * adapter.parameterCount();
                    } else {
                        small = 4 * adapter.parameterCount();
                    }
                }
            }
            assertThat(big).isGreaterThan(3 * small);
            long budget = big + small;
            try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 100, 8, budget)) {
                cache.pin("a");
                cache.load("b");
                cache.load("c");
                assertThat(cache.residentBytes()).isEqualTo(3 * small);
                assertThat(cache.evictions()).isZero();
                // 3 small + big exceed the budget: the least recently used unpinned ones go (b, then c), a stays.
                cache.load("big");
                assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactly("big", "a");
                assertThat(cache.residentBytes()).isEqualTo(big + small).isLessThanOrEqualTo(budget);
                assertThat(cache.evictions()).isEqualTo(2);
                // With both pinned nothing can make room, and the refused load changes nothing.
                cache.pin("big");
                assertThatThrownBy(() -> cache.load("b")).hasMessageContaining("pinned");
                assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactly("big", "a");
                assertThat(cache.residentBytes()).isEqualTo(big + small);
                AdapterCacheSnapshot snapshot = cache.snapshot();
                assertThat(snapshot.loads()).isEqualTo(4);
                assertThat(snapshot.budgetBytes()).isEqualTo(budget);
                assertThat(snapshot.resident()).allMatch(ResidentAdapter::pinned);
                cache.unpin("big");
                cache.load("b");
                assertThat(cache.resident()).extracting(ResidentAdapter::id).containsExactly("b", "a");
            }
            try (AdapterCache tiny = new AdapterCache(model, AdapterSource.directory(dir, model), 100, 8, small)) {
                assertThatThrownBy(() -> tiny.load("big")).hasMessageContaining("more than the cache's whole budget");
                assertThat(tiny.residentBytes()).isZero();
            }
        }
    }

    @Test
    void schedulerAndLoaderRunOnThreadsFromTheGivenFactory(@TempDir Path dir) throws Exception {
        try (LanguageModel model = TestModels.tinyModel(49)) {
            try (Adapter a = TestModels.randomAdapter(model, AdapterConfig.of(2, 2, 0, List.of("c_attn")), 5)) {
                a.save(dir.resolve("a"));
            }
            List<Thread> made = Collections.synchronizedList(new ArrayList<>());
            ThreadFactory managed = task -> {
                Thread thread = new Thread(task, "managed-" + made.size());
                thread.setDaemon(true);
                made.add(thread);
                return thread;
            };
            List<Thread> loadedOn = Collections.synchronizedList(new ArrayList<>());
            List<Thread> streamedOn = Collections.synchronizedList(new ArrayList<>());
            AdapterSource source = id -> {
                loadedOn.add(Thread.currentThread());
                return Adapter.load(dir.resolve(id), model);
            };
            try (AdapterCache cache = new AdapterCache(model, source, 2, 4);
                    AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, 4, managed)) {
                server.start();
                Generation g = server.submit(new ServingRequest(
                                "God", "a", greedy(3), (id, text) -> streamedOn.add(Thread.currentThread())))
                        .get(60, TimeUnit.SECONDS);
                assertThat(g.tokens()).hasSize(3);
                assertThat(made).hasSize(2);
                assertThat(streamedOn).isNotEmpty().allMatch(made::contains);
                assertThat(loadedOn).hasSize(1).allMatch(made::contains);
            }
        }
    }

    private static Adapter copyOf(LanguageModel model, Adapter adapter) throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory("adapter");
        adapter.save(dir);
        return Adapter.load(dir, model);
    }
}
