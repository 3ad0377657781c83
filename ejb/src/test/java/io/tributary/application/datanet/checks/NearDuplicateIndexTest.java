package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {

    private static final String[] WORDS =
            ("soil water root leaf nitrogen crop yield rain season field farmer seed grow harvest "
                            + "pest insect disease fungus weed plough tractor irrigation drought climate market price storage grain maize "
                            + "wheat rice sorghum cassava bean legume compost manure fertiliser acid alkaline lime clay sand loam")
                    .split(" ");

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(i % 10 == 9 ? ". " : " ");
        }
        return text.toString().strip();
    }

    @Test
    void findsATextWithOneWordChangedButNotUnrelatedTexts() {
        NearDuplicateIndex index = NearDuplicateIndex.withDefaults();
        Random random = new Random(7);
        String original = text(random, 120);
        UUID originalId = UUID.randomUUID();
        index.add(originalId, index.signature(original));
        for (int i = 0; i < 500; i++) {
            index.add(UUID.randomUUID(), index.signature(text(random, 120)));
        }

        String[] words = original.split(" ");
        words[60] = "banana";
        String edited = String.join(" ", words);
        List<NearDuplicate> similar = index.similar(index.signature(edited));

        assertThat(edited).isNotEqualTo(original);
        assertThat(similar).extracting(NearDuplicate::recordId).containsExactly(originalId);
        assertThat(similar.get(0).similarity()).isBetween(0.8, 0.999);
        assertThat(index.similar(index.signature(text(random, 120)))).isEmpty();
    }

    @Test
    void resultsAreSortedMostSimilarFirstAndCapitalisationIsIgnored() {
        NearDuplicateIndex index = new NearDuplicateIndex(128, 32, 0.5, 1L);
        Random random = new Random(3);
        String base = text(random, 80);
        String[] words = base.split(" ");
        UUID same = UUID.randomUUID();
        UUID close = UUID.randomUUID();
        words[40] = "zebra";
        index.add(close, index.signature(String.join(" ", words)));
        index.add(same, index.signature(base.toUpperCase()));

        List<NearDuplicate> similar = index.similar(index.signature(base));

        assertThat(similar).extracting(NearDuplicate::recordId).containsExactly(same, close);
        assertThat(similar.get(0).similarity()).isEqualTo(1.0);
        assertThat(similar.get(1).similarity()).isLessThan(1.0);
    }

    @Test
    void shortTextsAreComparedByCharacterShingles() {
        NearDuplicateIndex index = new NearDuplicateIndex(128, 32, 0.6, 1L);
        UUID id = UUID.randomUUID();
        index.add(id, index.signature("Photosynthesis."));

        assertThat(index.similar(index.signature("photosynthesis!!")))
                .extracting(NearDuplicate::recordId)
                .containsExactly(id);
        assertThat(index.similar(index.signature("Respiration."))).isEmpty();
    }

    @Test
    void signaturesSurviveStorageAndRebuildTheSameIndex() {
        NearDuplicateIndex before = NearDuplicateIndex.withDefaults();
        Random random = new Random(11);
        List<UUID> ids = new ArrayList<>();
        List<byte[]> stored = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String text = text(random, 60);
            long[] signature = before.signature(text);
            UUID id = UUID.randomUUID();
            before.add(id, signature);
            ids.add(id);
            texts.add(text);
            stored.add(NearDuplicateIndex.encode(signature));
        }

        NearDuplicateIndex after = NearDuplicateIndex.withDefaults();
        for (int i = 0; i < ids.size(); i++) {
            after.add(ids.get(i), NearDuplicateIndex.decode(stored.get(i)));
        }

        assertThat(NearDuplicateIndex.decode(stored.get(0))).containsExactly(before.signature(texts.get(0)));
        assertThat(stored.get(0)).hasSize(1 + 4 + 8 * 120);
        assertThat(after.size()).isEqualTo(50);
        assertThat(after.similar(after.signature(texts.get(17))))
                .extracting(NearDuplicate::recordId)
                .containsExactly(ids.get(17));
    }

    @Test
    void refusesSignaturesOfTheWrongShape() {
        NearDuplicateIndex index = new NearDuplicateIndex(64, 16, 0.8, 1L);

        assertThatThrownBy(() -> index.add(UUID.randomUUID(), new long[63])).hasMessageContaining("this index uses 64");
        assertThatThrownBy(() -> NearDuplicateIndex.decode(new byte[] {1, 0, 0, 0, 2, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NearDuplicateIndex(100, 7, 0.8, 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyTextsAreNobodysDuplicate() {
        NearDuplicateIndex index = NearDuplicateIndex.withDefaults();
        index.add(UUID.randomUUID(), index.signature("   "));

        assertThat(index.similar(index.signature("!!!"))).isEmpty();
    }

    @Test
    void concurrentAddsAndQueriesLoseNothing() throws Exception {
        NearDuplicateIndex index = NearDuplicateIndex.withDefaults();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UUID>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    List<UUID> missed = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        String text = "thread " + thread + " item " + i + " " + text(random, 40);
                        long[] signature = index.signature(text);
                        UUID id = UUID.randomUUID();
                        index.add(id, signature);
                        if (index.similar(signature).stream()
                                .noneMatch(n -> n.recordId().equals(id))) {
                            missed.add(id);
                        }
                    }
                    return missed;
                }));
            }
            for (Future<List<UUID>> future : futures) {
                assertThat(future.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(1_200);
    }
}
