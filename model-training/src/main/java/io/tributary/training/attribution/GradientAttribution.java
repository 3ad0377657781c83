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
        float[] result = new float[(int) adapter.parameterCount()];
        backward(adapter, example, gradients -> {
            int at = 0;
            for (NDArray g : gradients.values()) {
                float[] values = g.toFloatArray();
                System.arraycopy(values, 0, result, at, values.length);
                at += values.length;
            }
        });
        return result;
    }

    /** The gradient projected per LoRA tensor with native matmuls, then to {@code projection.dimension()}. */
    public float[] projectedGradient(Adapter adapter, TrainingExample example, LoraGradientProjection projection) {
        if (projection.inputDimension() != adapter.parameterCount()) {
            throw new IllegalArgumentException("The projection was made for another adapter shape");
        }
        float[][] result = new float[1][];
        backward(adapter, example, gradients -> result[0] = projection.project(gradients));
        return result[0];
    }

    /** The gradient projected both per layer and to {@code projection.dimension()}: what every method scores. */
    public ProjectedGradient projectedGradients(
            Adapter adapter, TrainingExample example, LoraGradientProjection projection) {
        if (projection.inputDimension() != adapter.parameterCount()) {
            throw new IllegalArgumentException("The projection was made for another adapter shape");
        }
        ProjectedGradient[] result = new ProjectedGradient[1];
        backward(adapter, example, gradients -> result[0] = projection.projectBoth(gradients));
        return result[0];
    }

    private void backward(
            Adapter adapter, TrainingExample example, java.util.function.Consumer<Map<String, NDArray>> use) {
        if (example.targetCount() == 0) {
            throw new IllegalArgumentException("The example has no token that counts in the loss");
        }
        model.checkTokens(example.tokens());
        Map<String, NDArray> tensors = adapter.tensors();
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
            Map<String, NDArray> gradients = new java.util.LinkedHashMap<>();
            tensors.forEach((name, t) -> gradients.put(name, t.getGradient()));
            use.accept(gradients);
        } finally {
            tensors.values().forEach(t -> t.setRequiresGradient(false));
        }
    }

    /** The gradient projected to {@code projection.dimension()} entries. */
    public float[] projectedGradient(Adapter adapter, TrainingExample example, RandomProjection projection) {
        return projection.project(gradient(adapter, example));
    }
}
