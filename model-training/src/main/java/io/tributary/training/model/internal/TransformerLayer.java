package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One pre-LayerNorm GPT-2 block: causal multi-head self-attention and a GELU MLP, each with a residual. */
public final class TransformerLayer extends AbstractBlock {

    private final int heads;
    private final int headWidth;
    private final boolean exactGelu;
    private final Norm ln1;
    private final Projection attention;
    private final Projection attentionOutput;
    private final Norm ln2;
    private final Projection mlpUp;
    private final Projection mlpDown;

    public TransformerLayer(int index, int width, int heads, int innerWidth, double epsilon, boolean exactGelu) {
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

    /** Result of a layer: the hidden states and this pass's keys and values (for a cache). */
    public record LayerOutput(NDArray hidden, NDArray keys, NDArray values) {}

    public LayerOutput apply(
            NDArray x, NDArray mask, NDArray pastKeys, NDArray pastValues, LoraRoute route, boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long time = shape.get(1);
        long width = shape.get(2);
        NDArray qkv = attention.apply(ln1.apply(x), route, training);
        NDList parts = qkv.split(3, 2);
        NDArray q = heads(parts.get(0), batch, time);
        NDArray k = heads(parts.get(1), batch, time);
        NDArray v = heads(parts.get(2), batch, time);
        NDArray allKeys = pastKeys == null ? k : pastKeys.concat(k, 2);
        NDArray allValues = pastValues == null ? v : pastValues.concat(v, 2);
        // Scalars come from the step's manager and live as long as the graph (see STACK.md's NaN pitfall).
        NDArray scale = x.getManager().create((float) (1.0 / Math.sqrt(headWidth)));
        // Scaling q rather than the scores touches time/headWidth times fewer numbers.
        NDArray scores = q.mul(scale).matMul(allKeys.transpose(0, 1, 3, 2)).add(mask);
        NDArray context = scores.softmax(-1).matMul(allValues);
        NDArray merged = context.transpose(0, 2, 1, 3).reshape(batch, time, width);
        NDArray h = x.add(attentionOutput.apply(merged, route, training));
        NDArray up = gelu(mlpUp.apply(ln2.apply(h), route, training));
        NDArray out = h.add(mlpDown.apply(up, route, training));
        return new LayerOutput(out, k, v);
    }

    private NDArray heads(NDArray x, long batch, long time) {
        return x.reshape(batch, time, heads, headWidth).transpose(0, 2, 1, 3);
    }

    private NDArray gelu(NDArray x) {
        NDManager m = x.getManager();
        if (exactGelu) {
            return Activation.gelu(x);
        }
        // 0.5·x·(1 + tanh(z)) = x·sigmoid(2z) with z = sqrt(2/π)(x + 0.044715x³): 6 element-wise passes over the
        // MLP's widest activation instead of 9 (forward, and as many again in backward).
        double c = 2 * Math.sqrt(2.0 / Math.PI);
        NDArray linear = m.create((float) c);
        NDArray cubic = m.create((float) (c * 0.044715));
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
