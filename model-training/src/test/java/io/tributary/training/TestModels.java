package io.tributary.training;

import ai.djl.ndarray.NDManager;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.ModelConfig;
import io.tributary.training.model.internal.LlamaBlock;
import io.tributary.training.model.internal.LlamaConfig;
import io.tributary.training.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny models and adapters that make tests fast. */
public final class TestModels {

    public static final String TEXT = "In the beginning God created the heaven and the earth. "
            + "And the earth was without form, and void; and darkness was upon the face of the deep. "
            + "And God said, Let there be light: and there was light. "
            + "And God saw the light, that it was good: and God divided the light from the darkness.";

    private static Tokenizer tokenizer;

    private TestModels() {}

    public static synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = Tokenizer.train(List.of(TEXT, TEXT.toUpperCase()), 320);
        }
        return tokenizer;
    }

    /** A 2-layer, 2-head, width-32 model with random weights and the shared tokenizer. */
    public static LanguageModel tinyModel(long seed) {
        Tokenizer tok = tokenizer();
        LanguageModel model = LanguageModel.create(
                ModelConfig.of(tok.vocabularySize(), 64, 32, 2, 2).withEndOfTextId(tok.endOfTextId()), seed);
        model.setTokenizer(tok);
        return model;
    }

    /**
     * A Llama-family model (RMSNorm, rotary positions, SwiGLU, 4 query heads sharing 2 key/value heads, separate LM
     * head) of width 32 with random weights and the shared tokenizer.
     */
    public static LanguageModel tinyLlama(long seed) {
        Tokenizer tok = tokenizer();
        ModelConfig sizes = new ModelConfig(tok.vocabularySize(), 64, 32, 2, 4, 64, 1e-6, false, tok.endOfTextId());
        LlamaBlock network =
                new LlamaBlock(new LlamaConfig(sizes, "LlamaForCausalLM", 2, 10000.0, false, false, false, -1));
        NDManager manager = NDManager.newBaseManager();
        network.initializeRandom(manager, seed);
        return LanguageModel.of(manager, network, tok);
    }

    /** An adapter whose B matrices are random too, so that it changes the model's output. */
    public static Adapter randomAdapter(LanguageModel model, AdapterConfig config, long seed) {
        Adapter adapter = Adapter.create(model, config, seed);
        Random random = new Random(seed + 1);
        for (Map.Entry<String, ai.djl.ndarray.NDArray> e : adapter.tensors().entrySet()) {
            if (e.getKey().contains("lora_B")) {
                ai.djl.ndarray.NDArray b = e.getValue();
                float[] values = new float[(int) b.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * 0.2);
                }
                b.set(values);
            }
        }
        return adapter;
    }

    public static int[] tokens(String text) {
        return tokenizer().encode(text);
    }

    public static float maxAbsDifference(float[][] a, float[][] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
