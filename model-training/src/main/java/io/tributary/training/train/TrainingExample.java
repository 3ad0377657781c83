package io.tributary.training.train;

/**
 * One sequence to learn from.
 *
 * @param tokens the token ids, at least two
 * @param lossWeights length {@code tokens.length - 1}: weight of predicting {@code tokens[i + 1]} after
 *     {@code tokens[0..i]}; 0 excludes the position from the loss (prompt tokens in fine-tuning)
 */
public record TrainingExample(int[] tokens, float[] lossWeights) {

    public TrainingExample {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("A training example needs at least two tokens");
        }
        if (lossWeights.length != tokens.length - 1) {
            throw new IllegalArgumentException("lossWeights must have tokens.length - 1 entries");
        }
    }

    /** An example whose every next-token prediction counts. */
    public static TrainingExample causal(int[] tokens) {
        float[] weights = new float[tokens.length - 1];
        java.util.Arrays.fill(weights, 1f);
        return new TrainingExample(tokens, weights);
    }

    public int targetCount() {
        int n = 0;
        for (float w : lossWeights) {
            if (w > 0) {
                n++;
            }
        }
        return n;
    }
}
