package io.tributary.training.retrieval;

import io.tributary.training.model.LanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void scratch() throws Exception {
        try (LanguageModel model = LanguageModel.load(Path.of("base-model"))) {
            List<RetrievedRecord> context = new ArrayList<>();
            context.add(
                    new RetrievedRecord("spider", "How many legs does a spider have?\nA spider has eight legs.", 0.9));
            context.add(new RetrievedRecord("bees", "What do bees make?\nBees make honey and wax.", 0.3));
            context.add(new RetrievedRecord(
                    "lion",
                    "Which animal is known as the king of the jungle?\nThe lion is called the king of the jungle.",
                    0.2));
            String prompt = "### Instruction:\n"
                    + Retrieval.context(
                            context.stream().map(RetrievedRecord::text).toList())
                    + "How many legs does a spider have?\n\n### Response:\n";
            for (String a : List.of(
                    "A spider has eight legs.",
                    "A spider has eight",
                    "Bees make honey.",
                    "The lion is called the king")) {
                System.out.println("LOO [" + a + "] "
                        + Retrieval.attribute(model, null, prompt, context, a).top());
            }
        }
    }
}
