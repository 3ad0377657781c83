package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingCosineTest {

    @Test
    void aParaphraseIsClosestToTheRecordItParaphrases() {
        assertThat(EmbeddingCosine.available()).isTrue();
        EmbeddingCosine embeddings = new EmbeddingCosine(List.of(
                "What is a rook?\nA rook is a common gregarious Old World bird about the size of the crow.",
                "What is a fig?\nA fig is a sweet fruit eaten fresh or dried.",
                "What does it mean to waft?\nTo waft is to be driven or carried along by the air."));
        double[] scores =
                embeddings.scores("Can you tell me what a fig is?\nA fig is a sweet fruit eaten fresh or dried.");
        assertThat(scores[1]).isGreaterThan(scores[0]).isGreaterThan(scores[2]).isLessThanOrEqualTo(1.0 + 1e-6);
    }
}
