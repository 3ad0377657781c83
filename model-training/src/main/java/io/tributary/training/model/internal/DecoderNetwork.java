package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import io.tributary.training.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only transformer family (GPT-2, Llama) as a DJL block: its parameters under Hugging Face names, its
 * adaptable projections, its forward pass and how it is stored in checkpoints and PEFT adapters.
 */
public abstract class DecoderNetwork extends AbstractBlock {

    /** Sizes shared by every family: vocabulary, context, width, layers, heads, MLP width, end-of-text id. */
    public abstract ModelConfig config();

    /** The Hugging Face architecture name, e.g. {@code GPT2LMHeadModel} or {@code Qwen2ForCausalLM}. */
    public abstract String architecture();

    /** Parameters under their Hugging Face names without the family's prefix ({@code transformer.}, {@code model.}). */
    public abstract Map<String, Parameter> parametersByName();

    /** The adaptable projections under their module paths, e.g. {@code h.0.mlp.c_fc}. */
    public abstract Map<String, Projection> projections();

    /** The PEFT target names that cover every projection, e.g. {@code c_attn, c_proj, c_fc}. */
    public abstract List<String> allProjectionTargets();

    /** Shape of a named parameter as stored in a checkpoint. */
    public abstract Shape checkpointShape(String name);

    /** Random initialisation; the same seed gives the same weights. */
    public abstract void initializeRandom(NDManager manager, long seed);

    /**
     * Installs a tensor read from a checkpoint (checkpoint layout) as the value of a named parameter.
     *
     * @throws IllegalArgumentException naming the tensor, the expected and the found shape when they differ
     */
    public abstract void setParameter(String name, NDArray array);

    /** The value of a named parameter in checkpoint layout, for writing. */
    public abstract NDArray checkpointTensor(String name);

    /** The name a parameter has in {@code model.safetensors}. */
    public abstract String checkpointName(String name);

    /** The parameter a checkpoint tensor holds, or null for tensors this family ignores (buffers, tied heads). */
    public abstract String parameterName(String checkpointName);

    /** The prefix of adapter tensor names in PEFT files, e.g. {@code base_model.model.transformer.}. */
    public abstract String peftPrefix();

    /** PEFT's {@code fan_in_fan_out}: true when checkpoint weights are stored [in, out] (GPT-2's Conv1D). */
    public abstract boolean peftFanInFanOut();

    /** Writes the Hugging Face {@code config.json} of this network. */
    public abstract void saveConfig(Path file) throws IOException;

    public abstract ForwardOutput forward(ForwardInput in);

    /** Positions offset..offset+time-1 for every row. */
    public static NDArray positions(NDManager manager, int batch, int time, int offset) {
        long[] p = new long[batch * time];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                p[b * time + t] = offset + t;
            }
        }
        return manager.create(p, new Shape(batch, time));
    }
}
