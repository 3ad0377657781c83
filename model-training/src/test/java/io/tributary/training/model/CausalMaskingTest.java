package io.tributary.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.TestModels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CausalMaskingTest {

    @Test
    void changingLaterTokensNeverChangesEarlierLogits() {
        try (LanguageModel model = TestModels.tinyModel(3)) {
            int[] tokens = TestModels.tokens(TestModels.TEXT);
            tokens = Arrays.copyOf(tokens, 24);
            float[][] original = model.logits(tokens);
            int changeAt = 12;
            int[] altered = tokens.clone();
            for (int i = changeAt; i < altered.length; i++) {
                altered[i] = (altered[i] + 37) % model.config().vocabularySize();
            }
            float[][] after = model.logits(altered);
            for (int t = 0; t < changeAt; t++) {
                assertThat(after[t]).as("position %d", t).containsExactly(original[t]);
            }
            // The changed positions must differ, or this test could not catch a leak at all.
            assertThat(after[changeAt]).isNotEqualTo(original[changeAt]);
        }
    }

    @Test
    void aPrefixGivesTheSameLogitsAsTheFullSequence() {
        try (LanguageModel model = TestModels.tinyModel(4)) {
            int[] tokens = Arrays.copyOf(TestModels.tokens(TestModels.TEXT), 20);
            float[][] full = model.logits(tokens);
            float[][] prefix = model.logits(Arrays.copyOf(tokens, 7));
            for (int t = 0; t < 7; t++) {
                for (int v = 0; v < prefix[t].length; v++) {
                    assertThat(prefix[t][v]).isCloseTo(full[t][v], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }
}
