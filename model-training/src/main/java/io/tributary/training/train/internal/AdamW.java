package io.tributary.training.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tributary.training.model.internal.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay) with state kept as named arrays so that a checkpoint can save and restore it
 * exactly.
 */
public final class AdamW implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();

    public AdamW(NDManager parent, double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager();
    }

    /**
     * Applies one update in place. {@code step} is 1-based (bias correction); {@code gradientScale} multiplies every
     * gradient first (clipping). Runs outside any gradient collector.
     */
    public void update(Map<String, NDArray> parameters, int step, double learningRate, double gradientScale) {
        NDArray b1 = manager.create((float) beta1);
        NDArray oneMinusB1 = manager.create((float) (1 - beta1));
        NDArray b2 = manager.create((float) beta2);
        NDArray oneMinusB2 = manager.create((float) (1 - beta2));
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        NDArray stepSize = manager.create((float) (learningRate / correction1));
        NDArray sqrtCorrection2 = manager.create((float) Math.sqrt(correction2));
        NDArray eps = manager.create((float) epsilon);
        NDArray decay = manager.create((float) (1 - learningRate * weightDecay));
        NDArray scale = manager.create((float) gradientScale);
        try {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                try (NDArray rawGradient = p.getGradient();
                        NDArray g = rawGradient.mul(scale)) {
                    NDArray m = firstMoments.computeIfAbsent(e.getKey(), k -> zerosLike(p));
                    NDArray v = secondMoments.computeIfAbsent(e.getKey(), k -> zerosLike(p));
                    m.muli(b1);
                    try (NDArray t = g.mul(oneMinusB1)) {
                        m.addi(t);
                    }
                    v.muli(b2);
                    try (NDArray gg = g.mul(g);
                            NDArray t = gg.mul(oneMinusB2)) {
                        v.addi(t);
                    }
                    // Decoupled decay on matrices only: biases, norms and 1-d tensors are not shrunk.
                    if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                        p.muli(decay);
                    }
                    try (NDArray denominator = v.sqrt().divi(sqrtCorrection2).addi(eps);
                            NDArray update = m.mul(stepSize).divi(denominator)) {
                        p.subi(update);
                    }
                }
            }
        } finally {
            b1.close();
            oneMinusB1.close();
            b2.close();
            oneMinusB2.close();
            stepSize.close();
            sqrtCorrection2.close();
            eps.close();
            decay.close();
            scale.close();
        }
    }

    private NDArray zerosLike(NDArray p) {
        NDArray z = manager.zeros(p.getShape(), p.getDataType());
        ai.djl.ndarray.NDScope.unregister(z);
        return z;
    }

    public void save(Path file) throws IOException {
        Map<String, NDArray> state = new LinkedHashMap<>();
        firstMoments.forEach((k, v) -> state.put("m." + k, v));
        secondMoments.forEach((k, v) -> state.put("v." + k, v));
        SafeTensors.write(file, state);
    }

    public void load(Path file) throws IOException {
        Map<String, NDArray> state = SafeTensors.read(file, manager);
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            String name = e.getKey().substring(2);
            if (e.getKey().startsWith("m.")) {
                firstMoments.put(name, e.getValue());
            } else if (e.getKey().startsWith("v.")) {
                secondMoments.put(name, e.getValue());
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
