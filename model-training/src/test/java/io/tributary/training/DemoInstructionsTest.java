package io.tributary.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo instruction dataset (corpus/instructions/, built from WordNet): what the factory demo relies on. */
class DemoInstructionsTest {

    private static final Path DIR = Path.of("corpus", "instructions");

    private static List<JsonObject> records(String name) throws IOException {
        return Files.readAllLines(DIR.resolve(name), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .collect(Collectors.toList());
    }

    private static Map<String, Long> bySubject(List<JsonObject> records) {
        return records.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("subject").getAsString(), LinkedHashMap::new, Collectors.counting()));
    }

    @Test
    void filesMatchTheirRecordedHashes() throws Exception {
        for (String line : Files.readAllLines(DIR.resolve("SHA256SUMS"))) {
            String[] parts = line.split("\\s+");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(DIR.resolve(parts[1])));
            assertThat(HexFormat.of().formatHex(digest)).as(parts[1]).isEqualTo(parts[0]);
        }
    }

    @Test
    void sixSubjectAreasOfSeveralHundredRecordsEach() throws IOException {
        List<InstructionPair> pairs = TrainingData.readInstructions(DIR.resolve("train.jsonl"));
        assertThat(pairs).hasSizeBetween(2_000, 6_000);
        Map<String, Long> subjects = bySubject(records("train.jsonl"));
        assertThat(subjects)
                .containsOnlyKeys("animals", "plants", "food and drink", "the human body", "people", "motion verbs");
        assertThat(subjects.values()).allSatisfy(count -> assertThat(count).isGreaterThan(500));
        assertThat(bySubject(records("heldout.jsonl")).keySet()).isEqualTo(subjects.keySet());
        assertThat(bySubject(records("paraphrases.jsonl")).keySet()).isEqualTo(subjects.keySet());
    }

    @Test
    void heldOutQuestionsAreNeverTrainedOnAndParaphrasesReuseTrainingAnswers() throws IOException {
        List<JsonObject> train = records("train.jsonl");
        Set<String> trainQuestions = new HashSet<>();
        Set<String> trainAnswers = new HashSet<>();
        for (JsonObject r : train) {
            trainQuestions.add(r.get("instruction").getAsString());
            trainAnswers.add(r.get("response").getAsString());
        }
        assertThat(trainQuestions).as("one answer per question").hasSameSizeAs(train);
        for (JsonObject r : records("heldout.jsonl")) {
            assertThat(trainQuestions).doesNotContain(r.get("instruction").getAsString());
            assertThat(trainAnswers).doesNotContain(r.get("response").getAsString());
        }
        for (JsonObject r : records("paraphrases.jsonl")) {
            assertThat(trainQuestions).doesNotContain(r.get("instruction").getAsString());
            assertThat(trainAnswers).contains(r.get("response").getAsString());
        }
    }

    @Test
    void everyRecordFitsTheShippedBasesContext() throws IOException {
        try (LanguageModel model = LanguageModel.load(Path.of("base-model"))) {
            List<InstructionPair> pairs = TrainingData.readInstructions(DIR.resolve("train.jsonl"));
            TrainingData data = TrainingData.instructions(
                    model.requireTokenizer(), pairs, model.config().contextLength());
            // An example longer than the context is cut to contextLength + 1 tokens; none may be cut.
            assertThat(data.examples())
                    .hasSameSizeAs(pairs)
                    .allSatisfy(e -> assertThat(e.tokens().length)
                            .isLessThanOrEqualTo(model.config().contextLength()));
        }
    }
}
