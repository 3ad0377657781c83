package io.tributary.training.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.training.attribution.AttributionResult;
import io.tributary.training.attribution.ScoredRecord;
import io.tributary.training.model.LanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalTest {

    static final List<String> FACTS = List.of(
            "A blavorkin is a violet lizard found only in Lake Omvar.",
            "A rook is a black bird of the crow family that nests in colonies.",
            "Granite is a hard igneous rock made mostly of quartz and feldspar.",
            "A violin is a string instrument played with a bow.",
            "Paris is the capital city of France, on the river Seine.",
            "A tulip is a spring flower grown from a bulb.");

    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < FACTS.size(); i++) ids.add("r" + i);
        return ids;
    }

    @Test
    void searchFindsTheRecordNearestInMeaningFirstAndRepeats(@TempDir Path dir) throws Exception {
        try (RetrievalIndex index = Retrieval.build(dir.resolve("a"), ids(), FACTS, Retrieval.miniLm());
                RetrievalIndex again = Retrieval.build(dir.resolve("b"), ids(), FACTS, Retrieval.miniLm())) {
            assertThat(index.size()).isEqualTo(6);
            List<RetrievedRecord> found = index.search("Which musical instrument needs a bow?", 3);
            assertThat(found).hasSize(3);
            assertThat(found.get(0).id()).isEqualTo("r3");
            assertThat(found.get(0).text()).isEqualTo(FACTS.get(3));
            assertThat(found.get(0).score()).isGreaterThan(found.get(1).score());
            assertThat(index.search("What is the capital of France?", 1).get(0).id())
                    .isEqualTo("r4");
            // Built twice from the same records, searched twice: the same records in the same order and scores.
            assertThat(again.search("Which musical instrument needs a bow?", 3)).isEqualTo(found);
            assertThat(index.search("Which musical instrument needs a bow?", 3)).isEqualTo(found);
            assertThat(index.texts(List.of("r5", "nope", "r0")))
                    .containsExactly(java.util.Map.entry("r5", FACTS.get(5)), java.util.Map.entry("r0", FACTS.get(0)));
        }
        assertThat(Retrieval.exists(dir.resolve("a"))).isTrue();
        assertThat(Retrieval.exists(dir.resolve("missing"))).isFalse();
        try (RetrievalIndex reopened = Retrieval.open(dir.resolve("a"), Retrieval.miniLm())) {
            assertThat(reopened.search("a bird that nests in colonies", 1)
                            .get(0)
                            .id())
                    .isEqualTo("r1");
        }
    }

    @Test
    void anIndexIsOpenedOnlyWithTheEmbedderItWasBuiltWith(@TempDir Path dir) throws Exception {
        Retrieval.build(dir.resolve("i"), ids(), FACTS, Retrieval.miniLm()).close();
        TextEmbedder other = new TextEmbedder() {
            public String name() {
                return "other";
            }

            public int dimension() {
                return 384;
            }

            public float[] embed(String text) {
                return new float[384];
            }
        };
        assertThatThrownBy(() -> Retrieval.open(dir.resolve("i"), other))
                .hasMessageContaining("was built with " + Retrieval.miniLm().name());
        assertThatThrownBy(() -> Retrieval.build(dir.resolve("i"), ids(), FACTS, Retrieval.miniLm()))
                .hasMessageContaining("already exists");
    }

    @Test
    void theContextBlockPutsEachRecordOnOneLine() {
        assertThat(Retrieval.context(List.of("A rook\nis a bird. ", "Granite is a rock.")))
                .isEqualTo("Context:\n- A rook is a bird.\n- Granite is a rock.\n");
        assertThat(Retrieval.context(List.of())).isEmpty();
    }

    /**
     * On the shipped base model (no adapter): every record in the context is scored by exactly the drop in the
     * answer's log-likelihood when it is left out, and scoring is repeatable. Which record wins is the model's
     * business: this 4-layer base barely reads its context, so the planted-answer case is in
     * {@code ContextAblationTest}, and the platform's answers are checked in {@code AttributionIT}.
     */
    @Test
    void leaveOneOutScoresEachRecordByTheExactDropInTheAnswersLogLikelihood() throws Exception {
        try (LanguageModel model = LanguageModel.load(Path.of("base-model"))) {
            List<RetrievedRecord> context = new ArrayList<>();
            for (int i : new int[] {1, 0, 2, 3}) context.add(new RetrievedRecord("r" + i, FACTS.get(i), 0.5));
            String prompt = "### Instruction:\n"
                    + Retrieval.context(
                            context.stream().map(RetrievedRecord::text).toList())
                    + "What is a blavorkin?\n\n### Response:\n";
            String answer = "A blavorkin is a violet lizard found only in Lake Omvar.";
            AttributionResult result = Retrieval.attribute(model, null, prompt, context, answer);
            assertThat(result.method()).isEqualTo(Retrieval.LEAVE_ONE_OUT);
            assertThat(result.version()).contains("records=4", "passes=5");
            assertThat(result.top()).extracting(ScoredRecord::id).containsExactlyInAnyOrder("r0", "r1", "r2", "r3");
            assertThat(result.top().get(0).score())
                    .isGreaterThanOrEqualTo(result.top().get(1).score());
            double full = Retrieval.answerLogLikelihood(model, null, prompt, answer);
            for (ScoredRecord r : result.top()) {
                String text = FACTS.get(Integer.parseInt(r.id().substring(1)));
                String without = prompt.replace("- " + text + "\n", "");
                double drop = full - Retrieval.answerLogLikelihood(model, null, without, answer);
                assertThat(r.score()).as(r.id()).isCloseTo(drop, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(Retrieval.attribute(model, null, prompt, context, answer))
                    .isEqualTo(result);

            // More records than the exact limit: the lasso surrogate over seeded ablations, repeatable too.
            List<RetrievedRecord> many = new ArrayList<>(context);
            for (int i = 4; i < FACTS.size(); i++) many.add(new RetrievedRecord("r" + i, FACTS.get(i), 0.1));
            for (int i = 0; i < 4; i++) many.add(new RetrievedRecord("x" + i, "Filler number " + i + ".", 0.1));
            String manyPrompt = "### Instruction:\n"
                    + Retrieval.context(many.stream().map(RetrievedRecord::text).toList())
                    + "What is a blavorkin?\n\n### Response:\n";
            AttributionResult surrogate = Retrieval.attribute(model, null, manyPrompt, many, answer);
            assertThat(surrogate.method()).isEqualTo(Retrieval.ABLATION_LASSO);
            assertThat(surrogate.version()).contains("records=10", "masks=40");
            assertThat(surrogate.top()).hasSize(10);
            assertThat(Retrieval.attribute(model, null, manyPrompt, many, answer))
                    .isEqualTo(surrogate);
        }
    }

    @Test
    void aPromptWithoutTheRecordsContextBlockIsRefused() throws Exception {
        try (LanguageModel model = LanguageModel.load(Path.of("base-model"))) {
            assertThatThrownBy(() -> Retrieval.attribute(
                            model,
                            null,
                            "What is a rook?",
                            List.of(new RetrievedRecord("r1", FACTS.get(1), 1)),
                            "A bird"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
