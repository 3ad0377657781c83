package io.tributary.training.retrieval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Scores the records of a context by how the answer's log-likelihood changes when they are left out. Exact
 * leave-one-out costs k + 1 evaluations; for larger contexts a ContextCite-style surrogate fits a sparse linear model
 * (lasso) of the log-likelihood on random keep/drop masks.
 */
public final class ContextAblation {

    private ContextAblation() {}

    /**
     * Record i's score is log p(answer | all records) − log p(answer | all but i): how much the answer needed it.
     *
     * @param logLikelihood the answer's log-likelihood given the indices of the records kept in the context
     */
    public static double[] leaveOneOut(int k, ToDoubleFunction<List<Integer>> logLikelihood) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < k; i++) all.add(i);
        double full = logLikelihood.applyAsDouble(all);
        double[] scores = new double[k];
        for (int i = 0; i < k; i++) {
            List<Integer> without = new ArrayList<>(all);
            without.remove(i);
            scores[i] = full - logLikelihood.applyAsDouble(without);
        }
        return scores;
    }

    /**
     * ContextCite's surrogate: {@code samples} random masks (each record kept with probability ½, seeded), the
     * log-likelihood of each, and a lasso fit {@code y ≈ b + Σ w_i mask_i}; record i's score is {@code w_i}, the
     * log-likelihood it adds when present. The lasso's penalty is {@code l1Ratio} of the smallest penalty that zeroes
     * every weight.
     */
    public static double[] surrogate(
            int k, int samples, long seed, double l1Ratio, ToDoubleFunction<List<Integer>> logLikelihood) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[samples][k];
        double[] y = new double[samples];
        for (int s = 0; s < samples; s++) {
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (random.nextBoolean()) {
                    x[s][i] = 1;
                    kept.add(i);
                }
            }
            y[s] = logLikelihood.applyAsDouble(kept);
        }
        return lasso(x, y, l1Ratio);
    }

    /** Coordinate-descent lasso with an intercept (columns centred): minimises ½n⁻¹‖y − b − Xw‖² + λ‖w‖₁. */
    static double[] lasso(double[][] x, double[] y, double l1Ratio) {
        int n = y.length;
        int k = x[0].length;
        double[] mean = new double[k];
        double yMean = 0;
        for (int s = 0; s < n; s++) {
            yMean += y[s] / n;
            for (int j = 0; j < k; j++) mean[j] += x[s][j] / n;
        }
        double[][] xc = new double[n][k];
        double[] r = new double[n];
        double[] norm = new double[k];
        for (int s = 0; s < n; s++) {
            r[s] = y[s] - yMean;
            for (int j = 0; j < k; j++) {
                xc[s][j] = x[s][j] - mean[j];
                norm[j] += xc[s][j] * xc[s][j] / n;
            }
        }
        double lambdaMax = 0;
        for (int j = 0; j < k; j++) {
            double c = 0;
            for (int s = 0; s < n; s++) c += xc[s][j] * r[s] / n;
            lambdaMax = Math.max(lambdaMax, Math.abs(c));
        }
        double lambda = l1Ratio * lambdaMax;
        double[] w = new double[k];
        for (int sweep = 0; sweep < 1000; sweep++) {
            double change = 0;
            for (int j = 0; j < k; j++) {
                if (norm[j] == 0) continue;
                double rho = 0;
                for (int s = 0; s < n; s++) rho += xc[s][j] * (r[s] + xc[s][j] * w[j]) / n;
                double updated = Math.signum(rho) * Math.max(0, Math.abs(rho) - lambda) / norm[j];
                double delta = updated - w[j];
                if (delta != 0) {
                    for (int s = 0; s < n; s++) r[s] -= xc[s][j] * delta;
                    w[j] = updated;
                    change = Math.max(change, Math.abs(delta));
                }
            }
            if (change < 1e-9) break;
        }
        return w;
    }
}
