package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One Llama decoder layer: RMSNorm, grouped-query self-attention with rotary positions, RMSNorm, SwiGLU MLP, each
 * with a residual. Keys and values are returned expanded to every query head, so caches look like GPT-2's.
 */
public final class LlamaLayer extends AbstractBlock {

    private final int heads;
    private final int keyValueHeads;
    private final int headWidth;
    private final RmsNorm inputNorm;
    private final Projection q;
    private final Projection k;
    private final Projection v;
    private final Projection o;
    private final RmsNorm postAttentionNorm;
    private final Projection gate;
    private final Projection up;
    private final Projection down;

    public LlamaLayer(int index, LlamaConfig config) {
        int width = config.sizes().width();
        heads = config.sizes().heads();
        keyValueHeads = config.keyValueHeads();
        headWidth = config.sizes().headWidth();
        int kvWidth = keyValueHeads * headWidth;
        int inner = config.sizes().innerWidth();
        double eps = config.sizes().layerNormEpsilon();
        String prefix = "layers." + index + ".";
        inputNorm = addChildBlock("input_layernorm", new RmsNorm(eps));
        q = addChildBlock("q_proj", new Projection(prefix + "self_attn.q_proj", width, width, config.qkvBias()));
        k = addChildBlock("k_proj", new Projection(prefix + "self_attn.k_proj", width, kvWidth, config.qkvBias()));
        v = addChildBlock("v_proj", new Projection(prefix + "self_attn.v_proj", width, kvWidth, config.qkvBias()));
        o = addChildBlock("o_proj", new Projection(prefix + "self_attn.o_proj", width, width, config.outputBias()));
        postAttentionNorm = addChildBlock("post_attention_layernorm", new RmsNorm(eps));
        gate = addChildBlock("gate_proj", new Projection(prefix + "mlp.gate_proj", width, inner, false));
        up = addChildBlock("up_proj", new Projection(prefix + "mlp.up_proj", width, inner, false));
        down = addChildBlock("down_proj", new Projection(prefix + "mlp.down_proj", inner, width, false));
    }

    public RmsNorm inputNorm() {
        return inputNorm;
    }

    public RmsNorm postAttentionNorm() {
        return postAttentionNorm;
    }

    public Projection[] projections() {
        return new Projection[] {q, k, v, o, gate, up, down};
    }

    /**
     * @param cos rotary cosines [batch, 1, time, headWidth]
     * @param sin rotary sines, like {@code cos}
     */
    public TransformerLayer.LayerOutput apply(
            NDArray x,
            NDArray mask,
            NDArray cos,
            NDArray sin,
            NDArray pastKeys,
            NDArray pastValues,
            LoraRoute route,
            boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long time = shape.get(1);
        NDArray normed = inputNorm.apply(x);
        NDArray queries = rotate(split(q.apply(normed, route, training), batch, time, heads), cos, sin);
        NDArray keys = repeat(rotate(split(k.apply(normed, route, training), batch, time, keyValueHeads), cos, sin));
        NDArray values = repeat(split(v.apply(normed, route, training), batch, time, keyValueHeads));
        NDArray allKeys = pastKeys == null ? keys : pastKeys.concat(keys, 2);
        NDArray allValues = pastValues == null ? values : pastValues.concat(values, 2);
        NDArray scale = x.getManager().create((float) (1.0 / Math.sqrt(headWidth)));
        NDArray scores =
                queries.matMul(allKeys.transpose(0, 1, 3, 2)).mul(scale).add(mask);
        NDArray context = scores.softmax(-1).matMul(allValues);
        NDArray merged = context.transpose(0, 2, 1, 3).reshape(batch, time, (long) heads * headWidth);
        NDArray h = x.add(o.apply(merged, route, training));
        NDArray normed2 = postAttentionNorm.apply(h);
        NDArray g = gate.apply(normed2, route, training);
        NDArray swiglu = g.mul(Activation.sigmoid(g)).mul(up.apply(normed2, route, training));
        NDArray out = h.add(down.apply(swiglu, route, training));
        return new TransformerLayer.LayerOutput(out, keys, values);
    }

    private NDArray split(NDArray x, long batch, long time, int count) {
        return x.reshape(batch, time, count, headWidth).transpose(0, 2, 1, 3);
    }

    /** Hugging Face's rotate_half convention: the first and second halves of each head form the pairs. */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** Grouped-query attention: each key/value head serves heads / keyValueHeads consecutive query heads. */
    private NDArray repeat(NDArray x) {
        if (keyValueHeads == heads) {
            return x;
        }
        Shape s = x.getShape();
        int group = heads / keyValueHeads;
        return x.expandDims(2)
                .broadcast(new Shape(s.get(0), keyValueHeads, group, s.get(2), s.get(3)))
                .reshape(s.get(0), heads, s.get(2), s.get(3));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("Run LlamaBlock.forward");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
