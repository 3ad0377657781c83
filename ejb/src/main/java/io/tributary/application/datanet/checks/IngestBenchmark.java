package io.tributary.application.datanet.checks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the contribution checks end to end on a generated 50 MB JSONL upload (issue 4's benchmark).
 *
 * <p>Run from this module with a bounded heap:
 * <pre>MAVEN_OPTS=-Xmx512m mvn -q -B compile exec:java</pre>
 * or on a plain classpath: {@code java -Xmx512m -cp ... io.tributary.application.datanet.checks.IngestBenchmark [records]}.
 * Generation is not timed; reading, hashing, quality, personal-data and near-duplicate checks are,
 * on one thread, as one upload would be processed. Prints one JSON object.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path file = Files.createTempFile("datanet-benchmark-", ".jsonl");
        try {
            generate(file, records, new Random(42));
            System.out.println(measure(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String measure(Path file) throws IOException, FileRejected {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peakHeap = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        NearDuplicateIndex index = NearDuplicateIndex.withDefaults();
        PersonalDataScanner scanner = new PersonalDataScanner();
        Set<String> hashes = new HashSet<>();
        Random random = new Random(7);
        long[] tally = new long[6]; // records, exact, near, bad lines, with personal data, flagged quality
        long[] nearNanos = {0};
        long bytes = Files.size(file);
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            RecordReader reader = RecordReader.open(
                    RecordType.INSTRUCTION_RESPONSE,
                    SourceFormat.JSONL,
                    in,
                    Limits.DEFAULT.withMaxBytes(64L * 1024 * 1024));
            reader.read(
                    record -> {
                        tally[0]++;
                        String canonical = record.canonicalText();
                        if (!hashes.add(ContentHash.of(canonical))) {
                            tally[1]++;
                            return;
                        }
                        String readable = record.readableText();
                        if (!QualityAssessment.of(record).flags().isEmpty()) {
                            tally[5]++;
                        }
                        if (!scanner.scan(readable).isEmpty()) {
                            tally[4]++;
                        }
                        UUID id = new UUID(random.nextLong(), random.nextLong());
                        long t0 = System.nanoTime();
                        long[] signature = index.signature(canonical);
                        boolean near = !index.similar(signature).isEmpty();
                        index.add(id, signature);
                        nearNanos[0] += System.nanoTime() - t0;
                        if (near) {
                            tally[2]++;
                        }
                    },
                    error -> tally[3]++);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        // What stays reachable after the upload: the index and the hash set, i.e. the per-record cost.
        System.gc();
        double liveMb = memory.getHeapMemoryUsage().getUsed() / 1048576.0;
        // Read both after the collection so neither can be collected before it.
        int indexed = index.size();
        int distinct = hashes.size();
        long checked = tally[0] - tally[1];
        return String.format(
                Locale.ROOT,
                "{\"records\":%d,\"bytes\":%d,\"seconds\":%.3f,\"records_per_second\":%.0f,"
                        + "\"near_duplicate_micros_per_record\":%.1f,\"heap_used_mb_peak\":%.1f,\"heap_live_mb_after_gc\":%.1f,"
                        + "\"indexed_records\":%d,\"distinct_hashes\":%d,\"heap_max_mb\":%.0f,"
                        + "\"bad_lines_reported\":%d,\"exact_duplicates\":%d,\"near_duplicates\":%d,"
                        + "\"records_with_personal_data\":%d,\"records_with_quality_flags\":%d,\"available_processors\":%d}",
                tally[0],
                bytes,
                seconds,
                tally[0] / seconds,
                checked == 0 ? 0 : nearNanos[0] / 1e3 / checked,
                peakHeap.get() / 1048576.0,
                liveMb,
                indexed,
                distinct,
                Runtime.getRuntime().maxMemory() / 1048576.0,
                tally[3],
                tally[1],
                tally[2],
                tally[4],
                tally[5],
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes {@code count} lines of which 1% repeat an earlier record (with different spacing),
     * 2% are an earlier record with one word changed, 2% carry personal data, 1% have keyboard mashing as the response and one in 2,000 is malformed.
     */
    static void generate(Path file, int count, Random random) throws IOException {
        String[] vocabulary = vocabulary(random, 6_000);
        List<String[]> recent = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                if (i % 2_000 == 0) {
                    out.write(
                            switch ((i / 2_000) % 3) {
                                case 0 -> "{\"instruction\": \"Summarise the text\", \"response\": \"unterminated";
                                case 1 -> "{\"instruction\": \"Only an instruction\"}";
                                default -> "{\"instruction\": \"Numbers are not text\", \"response\": 42}";
                            });
                    out.write('\n');
                    continue;
                }
                int roll = random.nextInt(100);
                String[] pair;
                if (roll == 0 && !recent.isEmpty()) {
                    String[] earlier = recent.get(random.nextInt(recent.size()));
                    pair = new String[] {earlier[0].replace(" ", "  "), earlier[1]};
                } else if (roll <= 2 && !recent.isEmpty()) {
                    String[] earlier = recent.get(random.nextInt(recent.size()));
                    String[] words = earlier[1].split(" ");
                    for (int k = 0; k < 1; k++) {
                        words[random.nextInt(words.length)] = vocabulary[random.nextInt(vocabulary.length)];
                    }
                    pair = new String[] {earlier[0], String.join(" ", words)};
                } else {
                    pair = new String[] {
                        sentence(random, vocabulary, 20 + random.nextInt(15)),
                        sentence(random, vocabulary, 40 + random.nextInt(25))
                    };
                    if (roll == 99) {
                        pair[1] = "asdfgh qwerty jklasdf zxcvbnm sdfghjkl qwertyuiop " + i;
                    } else if (roll <= 4) {
                        pair[1] += switch (random.nextInt(3)) {
                            case 0 -> " Write to jane.doe" + i + "@example.org for details.";
                            case 1 -> " Call +44 20 7946 0" + String.format(Locale.ROOT, "%03d", i % 1000) + " today.";
                            default -> " Card 4111 1111 1111 1111 was used.";
                        };
                    }
                    if (recent.size() < 5_000) {
                        recent.add(pair);
                    } else {
                        recent.set(random.nextInt(recent.size()), pair);
                    }
                }
                out.write("{\"instruction\":\"" + pair[0] + "\",\"response\":\"" + pair[1]
                        + "\",\"source\":\"generated\"}\n");
            }
        }
    }

    private static String[] vocabulary(Random random, int size) {
        String[] syllables = {
            "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qui", "dor", "lin", "mar", "tes", "gra", "bel",
            "fon"
        };
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder word = new StringBuilder();
            int parts = 1 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }

    private static String sentence(Random random, String[] vocabulary, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(w % 12 == 0 ? ". " : " ");
            }
            // Real answers mention quantities and years now and then.
            text.append(
                    random.nextInt(25) == 0
                            ? String.valueOf(random.nextInt(3000))
                            : vocabulary[random.nextInt(vocabulary.length)]);
        }
        return text.append('.').toString();
    }
}
