package io.tributary.training.retrieval.internal;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import java.util.Arrays;

/**
 * The log-likelihood of an answer after a prompt, teacher-forced: one forward pass over prompt + answer, summing the
 * log-probabilities the model gives each answer token. No sampling, so it is exact and repeatable.
 */
public final class AnswerLikelihood {

    private final LanguageModel model;
    private final Adapter adapter;

    public AnswerLikelihood(LanguageModel model, Adapter adapter) {
        this.model = model;
        this.adapter = adapter;
    }

    /** Natural-log likelihood of {@code answer} after {@code prompt}; a prompt too long keeps its end. */
    public double of(int[] prompt, int[] answer) {
        if (answer.length == 0) throw new IllegalArgumentException("An answer needs at least one token");
        int room = model.config().contextLength() - answer.length;
        if (room < 1) throw new IllegalArgumentException("The answer alone fills the model's context");
        int[] p = prompt.length == 0 ? new int[] {model.config().endOfTextId()} : prompt;
        if (p.length > room) p = Arrays.copyOfRange(p, p.length - room, p.length);
        int[] tokens = new int[p.length + answer.length];
        System.arraycopy(p, 0, tokens, 0, p.length);
        System.arraycopy(answer, 0, tokens, p.length, answer.length);
        float[][] logits = model.logits(tokens, adapter);
        double sum = 0;
        for (int t = p.length - 1; t < tokens.length - 1; t++) {
            float[] row = logits[t];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) max = Math.max(max, v);
            double z = 0;
            for (float v : row) z += Math.exp(v - max);
            sum += row[tokens[t + 1]] - max - Math.log(z);
        }
        return sum;
    }
}
