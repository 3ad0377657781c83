package io.tributary.training.attribution;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * The embedding-cosine baseline: cosine between the MiniLM (all-MiniLM-L6-v2, ONNX, in the langchain4j jar)
 * sentence embeddings of the query and of each record. Used by the evaluation only; its jar is an optional dependency.
 */
final class EmbeddingCosine {

    static final String METHOD = "embedding-cosine-minilm";

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
    private final float[][] records;

    EmbeddingCosine(List<String> texts) {
        records = new float[texts.size()][];
        for (int i = 0; i < records.length; i++) {
            records[i] = unit(model.embed(texts.get(i)).content().vector());
        }
    }

    /** True when the MiniLM jar is on the class path. */
    static boolean available() {
        try {
            Class.forName("dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    double[] scores(String query) {
        float[] q = unit(model.embed(query).content().vector());
        double[] scores = new double[records.length];
        for (int i = 0; i < records.length; i++) {
            double s = 0;
            for (int j = 0; j < q.length; j++) {
                s += q[j] * records[i][j];
            }
            scores[i] = s;
        }
        return scores;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = n > 0 ? (float) (1 / Math.sqrt(n)) : 0;
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * inv;
        }
        return r;
    }
}
