package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Layer normalisation over the last axis only, so no information crosses time steps. */
public final class Norm extends AbstractBlock {

    private final int width;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    public Norm(int width, double epsilon) {
        this.width = width;
        this.epsilon = (float) epsilon;
        this.gamma = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.GAMMA)
                .build());
        this.beta = addParameter(
                Parameter.builder().setName("bias").setType(Parameter.Type.BETA).build());
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    public NDArray apply(NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(width), gamma.getArray(), beta.getArray(), epsilon)
                .singletonOrThrow();
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
