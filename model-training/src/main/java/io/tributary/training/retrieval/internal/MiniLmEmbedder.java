package io.tributary.training.retrieval.internal;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.tributary.training.retrieval.TextEmbedder;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions), the ONNX model shipped inside langchain4j's jar: runs
 * offline on the CPU. One instance per JVM is enough (its ONNX session is thread-safe and costs ~90 MB).
 */
public final class MiniLmEmbedder implements TextEmbedder {

    public static final String NAME = "all-MiniLM-L6-v2 (langchain4j-embeddings 1.19.0-beta29)";

    private static MiniLmEmbedder instance;

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    private MiniLmEmbedder() {}

    public static synchronized MiniLmEmbedder instance() {
        if (instance == null) instance = new MiniLmEmbedder();
        return instance;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
