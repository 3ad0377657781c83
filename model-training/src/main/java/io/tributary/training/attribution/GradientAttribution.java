package io.tributary.training.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.Autograd;
import io.tributary.training.train.TrainingExample;
import io.tributary.training.train.internal.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gradients of one example's loss with respect to an adapter's LoRA parameters, the raw material of gradient-based
 * data attribution (TracIn-style scores are inner products of these, usually after a random projection).
 */
public final class GradientAttribution {

    private final LanguageModel model;

    public GradientAttribution(LanguageModel model) {
        this.model = model;
    }

    /** Names of the adapter tensors in the order their entries appear in a gradient vector. */
    public static List<String> parameterOrder(Adapter adapter) {
        return new ArrayList<>(adapter.tensors().keySet());
    }

    /**
     * The gradient of the example's mean weighted next-token loss (dropout off) with respect to every LoRA
     * parameter, flattened in {@link #parameterOrder} order. Neither the model nor the adapter changes.
     */
    public float[] gradient(Adapter adapter, TrainingExample example) {
        if (example.targetCount() == 0) {
            throw new IllegalArgumentException("The example has no token that counts in the loss");
        }
        model.checkTokens(example.tokens());
        Map<String, NDArray> tensors = adapter.tensors();
        float[] result = new float[(int) adapter.parameterCount()];
        model.network().freezeParameters(true);
        tensors.values().forEach(t -> t.setRequiresGradient(true));
        try (Autograd.Mode paused = Autograd.pause();
                NDScope ignored = new NDScope()) {
            for (NDArray t : tensors.values()) {
                NDArray g = t.getGradient();
                g.subi(g);
            }
            Batch batch = new Batch(List.of(example), model.config().endOfTextId());
            try (Autograd.Mode recording = Autograd.record()) {
                NDArray loss = batch.loss(model.network(), model.manager(), adapter.route(), false, batch.weightSum());
                Autograd.backward(loss);
            }
            int at = 0;
            for (NDArray t : tensors.values()) {
                float[] g = t.getGradient().toFloatArray();
                System.arraycopy(g, 0, result, at, g.length);
                at += g.length;
            }
        } finally {
            tensors.values().forEach(t -> t.setRequiresGradient(false));
        }
        return result;
    }

    /** The gradient projected to {@code projection.dimension()} entries. */
    public float[] projectedGradient(Adapter adapter, TrainingExample example, RandomProjection projection) {
        return projection.project(gradient(adapter, example));
    }
}
