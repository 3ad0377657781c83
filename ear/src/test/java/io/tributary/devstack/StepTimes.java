package io.tributary.devstack;

import java.util.List;

/**
 * Step times from the tokens-per-second figures a training run reports after each step (tokens since the loop began
 * divided by the seconds since then), for runs whose every step trains on the same number of tokens.
 */
final class StepTimes {

    private StepTimes() {}

    /**
     * The rate over steps (from, to]: step k ends k·c/r_k seconds into the loop, so the window's c·(to − from) tokens
     * took c·(to/r_to − from/r_from) seconds. {@code rates[k - 1]} is r_k.
     */
    static double steadyRate(double[] rates, int from, int to) {
        return (to - from) / (to / rates[to - 1] - (from == 0 ? 0 : from / rates[from - 1]));
    }

    /** Step k's own seconds, t_k − t_(k−1), for a run of {@code tokensPerStep} tokens a step. */
    static double stepSeconds(double[] rates, int k, double tokensPerStep) {
        double end = k * tokensPerStep / rates[k - 1];
        double start = k == 1 ? 0 : (k - 1) * tokensPerStep / rates[k - 2];
        return end - start;
    }

    /** Mean seconds of the plain and of the checkpoint steps in (from, to], pooled over runs. */
    record Split(double plain, double checkpoint) {
        /** What one checkpoint adds, as a share of a plain step. */
        double extraPercentOfStep() {
            return (checkpoint - plain) / plain * 100;
        }

        /** What checkpoints cost as a share of training time when one step in {@code every} checkpoints. */
        double percentOfTrainingTime(int every) {
            double extra = checkpoint - plain;
            return extra / (every * plain + extra) * 100;
        }
    }

    static Split split(List<double[]> runs, int from, int to, int every, double tokensPerStep) {
        double plain = 0;
        double checkpoint = 0;
        int plainSteps = 0;
        int checkpointSteps = 0;
        for (double[] rates : runs) {
            for (int k = from + 1; k <= to; k++) {
                double seconds = stepSeconds(rates, k, tokensPerStep);
                if (k % every == 0) {
                    checkpoint += seconds;
                    checkpointSteps++;
                } else {
                    plain += seconds;
                    plainSteps++;
                }
            }
        }
        return new Split(plain / plainSteps, checkpoint / checkpointSteps);
    }
}
