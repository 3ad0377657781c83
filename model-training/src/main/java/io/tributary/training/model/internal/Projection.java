package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A linear projection {@code y = x W + b} with W stored [in, out] (GPT-2's {@code Conv1D} layout; Llama's [out, in]
 * weights are transposed on load), plus the
 * low-rank update of whatever adapter the forward pass routes to it.
 */
public final class Projection extends AbstractBlock {

    private final String module;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Projection(String module, int in, int out) {
        this(module, in, out, true);
    }

    /** A projection with or without a bias (Llama's projections have none, Qwen2's q, k and v have one). */
    public Projection(String module, int in, int out, boolean hasBias) {
        this.module = module;
        this.in = in;
        this.out = out;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        this.bias = hasBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .build())
                : null;
    }

    public String module() {
        return module;
    }

    public int inputWidth() {
        return in;
    }

    public int outputWidth() {
        return out;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when the projection has none. */
    public Parameter bias() {
        return bias;
    }

    public NDArray apply(NDArray x, LoraRoute route, boolean training) {
        // torch.nn.functional.linear (one fused multiply-add) on the [out, in] view of the [in, out] weight.
        NDArray y = bias == null
                ? x.matMul(weight.getArray())
                : Linear.linear(x, weight.getArray().transpose(), bias.getArray())
                        .singletonOrThrow();
        if (route != null) {
            NDArray delta = route.delta(module, x, training);
            if (delta != null) {
                y = training ? y.add(delta) : y.addi(delta);
            }
        }
        return y;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow(), null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }

    @Override
    public void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {}
}
