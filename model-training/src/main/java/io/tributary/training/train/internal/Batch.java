package io.tributary.training.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.model.internal.DecoderNetwork;
import io.tributary.training.model.internal.ForwardInput;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Masks;
import io.tributary.training.train.TrainingExample;
import java.util.List;

/**
 * Examples padded on the right to a common length, with the weighted next-token loss over them. Padding needs no
 * attention mask: it comes after every real token, and causal attention never looks forward.
 */
public final class Batch {

    private final int rows;
    private final int length;
    private final long[] inputs;
    private final long[] targets;
    private final float[] weights;
    private final int realTokens;
    private final double weightSum;

    public Batch(List<TrainingExample> examples, int padId) {
        rows = examples.size();
        int max = 0;
        for (TrainingExample e : examples) {
            max = Math.max(max, e.tokens().length - 1);
        }
        length = max;
        inputs = new long[rows * length];
        targets = new long[rows * length];
        weights = new float[rows * length];
        java.util.Arrays.fill(inputs, padId);
        int real = 0;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            TrainingExample e = examples.get(r);
            int n = e.tokens().length - 1;
            for (int t = 0; t < n; t++) {
                inputs[r * length + t] = e.tokens()[t];
                targets[r * length + t] = e.tokens()[t + 1];
                weights[r * length + t] = e.lossWeights()[t];
                sum += e.lossWeights()[t];
            }
            real += n;
        }
        realTokens = real;
        weightSum = sum;
    }

    public int realTokens() {
        return realTokens;
    }

    public double weightSum() {
        return weightSum;
    }

    /**
     * Sum over positions of weight × cross-entropy, divided by {@code normaliser}; a scalar array. Every scalar is
     * created in the step's manager so that it outlives the backward pass.
     */
    public NDArray loss(
            DecoderNetwork network, NDManager manager, LoraRoute route, boolean training, double normaliser) {
        NDArray input = manager.create(inputs, new Shape(rows, length));
        NDArray logits = network.forward(new ForwardInput(
                        input,
                        DecoderNetwork.positions(manager, rows, length, 0),
                        Masks.causal(manager, length, 0),
                        null,
                        null,
                        route,
                        training,
                        false))
                .logits();
        NDArray target = manager.create(targets, new Shape(rows, length, 1));
        NDArray picked = logits.logSoftmax(-1).gather(target, -1).squeeze(-1);
        NDArray weight = manager.create(weights, new Shape(rows, length));
        NDArray factor = manager.create((float) (-1.0 / normaliser));
        return picked.mul(weight).sum().mul(factor);
    }
}
