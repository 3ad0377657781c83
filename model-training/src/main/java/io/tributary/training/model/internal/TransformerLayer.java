package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One pre-LayerNorm GPT-2 block: causal multi-head self-attention and a GELU MLP, each with a residual. */
public final class TransformerLayer extends AbstractBlock {

    private final int index;
    private final int heads;
    private final int headWidth;
    private final boolean exactGelu;
    private final Norm ln1;
    private final Projection attention;
    private final Projection attentionOutput;
    private final Norm ln2;
    private final Projection mlpUp;
    private final Projection mlpDown;
    private final InferenceConstants scaleConstant = new InferenceConstants();
    private final InferenceConstants linearConstant = new InferenceConstants();
    private final InferenceConstants cubicConstant = new InferenceConstants();

    public TransformerLayer(int index, int width, int heads, int innerWidth, double epsilon, boolean exactGelu) {
        this.index = index;
        this.heads = heads;
        this.headWidth = width / heads;
        this.exactGelu = exactGelu;
        String prefix = "h." + index + ".";
        ln1 = addChildBlock("ln_1", new Norm(width, epsilon));
        attention = addChildBlock("c_attn", new Projection(prefix + "attn.c_attn", width, 3 * width));
        attentionOutput = addChildBlock("attn_c_proj", new Projection(prefix + "attn.c_proj", width, width));
        ln2 = addChildBlock("ln_2", new Norm(width, epsilon));
        mlpUp = addChildBlock("c_fc", new Projection(prefix + "mlp.c_fc", width, innerWidth));
        mlpDown = addChildBlock("mlp_c_proj", new Projection(prefix + "mlp.c_proj", innerWidth, width));
    }

    public Norm ln1() {
        return ln1;
    }

    public Norm ln2() {
        return ln2;
    }

    public Projection[] projections() {
        return new Projection[] {attention, attentionOutput, mlpUp, mlpDown};
    }

    /**
     * Result of a layer: the hidden states, this pass's keys and values, and the past and new ones together (what a
     * single sequence's cache holds next).
     */
    public record LayerOutput(NDArray hidden, NDArray keys, NDArray values, NDArray allKeys, NDArray allValues) {}

    public LayerOutput apply(
            NDArray x, NDArray mask, NDArray pastKeys, NDArray pastValues, LoraRoute route, boolean training) {
        return apply(x, mask, pastKeys, pastValues, null, route, training);
    }

    /** With a {@code cache}, the new keys and values are stored there and the layer attends over what it returns. */
    public LayerOutput apply(
            NDArray x,
            NDArray mask,
            NDArray pastKeys,
            NDArray pastValues,
            AttentionCache cache,
            LoraRoute route,
            boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long time = shape.get(1);
        long width = shape.get(2);
        NDArray qkv = attention.apply(ln1.apply(x), route, training);
        // [batch, time, 3·width] → [batch, 3·heads, time, headWidth] → q, k, v: three native calls, not seven.
        NDList parts = qkv.reshape(batch, time, 3L * heads, headWidth)
                .transpose(0, 2, 1, 3)
                .split(3, 1);
        NDArray q = parts.get(0);
        NDArray k = parts.get(1);
        NDArray v = parts.get(2);
        NDArray allKeys;
        NDArray allValues;
        if (cache != null) {
            NDArray[] stored = cache.store(index, k, v);
            allKeys = stored[0];
            allValues = stored[1];
        } else {
            allKeys = pastKeys == null ? k : pastKeys.concat(k, 2);
            allValues = pastValues == null ? v : pastValues.concat(v, 2);
        }
        // Scalars come from the step's manager and live as long as the graph (see STACK.md's NaN pitfall).
        NDArray scale = scaleConstant.scalar((float) (1.0 / Math.sqrt(headWidth)), anchor(), x, training);
        // Scaling q rather than the scores touches time/headWidth times fewer numbers.
        NDArray scores = q.mul(scale).matMul(allKeys.transpose(0, 1, 3, 2));
        if (mask != null) {
            // Null when nothing is masked: one new token attending to its whole past.
            scores = scores.add(mask);
        }
        NDArray context = scores.softmax(-1).matMul(allValues);
        NDArray merged = context.transpose(0, 2, 1, 3).reshape(batch, time, width);
        NDArray h = x.add(attentionOutput.apply(merged, route, training));
        NDArray up = gelu(mlpUp.apply(ln2.apply(h), route, training), training);
        NDArray out = h.add(mlpDown.apply(up, route, training));
        return new LayerOutput(out, k, v, allKeys, allValues);
    }

    /** A tensor that lives as long as the model, for the constants' manager. */
    private NDArray anchor() {
        return attention.weight().getArray();
    }

    private NDArray gelu(NDArray x, boolean training) {
        if (exactGelu) {
            return Activation.gelu(x);
        }
        // 0.5·x·(1 + tanh(z)) = x·sigmoid(2z) with z = sqrt(2/π)(x + 0.044715x³): 6 element-wise passes over the
        // MLP's widest activation instead of 9 (forward, and as many again in backward).
        double c = 2 * Math.sqrt(2.0 / Math.PI);
        NDArray linear = linearConstant.scalar((float) c, anchor(), x, training);
        NDArray cubic = cubicConstant.scalar((float) (c * 0.044715), anchor(), x, training);
        NDArray z = x.square().mul(cubic).add(linear).mul(x);
        return x.mul(Activation.sigmoid(z));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray mask = Masks.causal(x.getManager(), (int) x.getShape().get(1), 0);
        return new NDList(apply(x, mask, null, null, null, training).hidden());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
