package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Llama's RMSNorm over the last axis: {@code x / sqrt(mean(x²) + ε) · weight}, no centring and no bias. */
public final class RmsNorm extends AbstractBlock {

    private final float epsilon;
    private final Parameter weight;

    public RmsNorm(double epsilon) {
        this.epsilon = (float) epsilon;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.GAMMA)
                .build());
    }

    public Parameter weight() {
        return weight;
    }

    public NDArray apply(NDArray x) {
        // Scalars come from the step's manager and live as long as the graph (see STACK.md's NaN pitfall).
        NDArray eps = x.getManager().create(epsilon);
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return x.div(rms).mul(weight.getArray());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
