package io.tributary.training.train;

import java.nio.file.Path;

/**
 * Settings of a training run; build one with {@link #builder()}, whose defaults are listed on each setter.
 *
 * @param maxSteps optimiser steps of the whole run (the schedule spans them)
 * @param batchSize examples per micro-batch
 * @param accumulationSteps micro-batches per optimiser step
 * @param learningRate peak learning rate after warm-up
 * @param minLearningRateRatio the cosine decay ends at this fraction of the peak
 * @param warmupSteps linear warm-up steps
 * @param weightDecay AdamW's decoupled decay, applied to matrices only
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param epsilon AdamW ε
 * @param maxGradientNorm global gradient-norm clip; 0 disables clipping
 * @param validationFraction share of examples held out for validation
 * @param evaluateEvery validate every this many steps (0: only at the end)
 * @param patience stop after this many validations without improvement (0: never stop early)
 * @param checkpointEvery write a checkpoint every this many steps (0: none)
 * @param checkpointDirectory where checkpoints go
 * @param resumeFrom a checkpoint (or a directory of them, taking the latest) to continue from, or null
 * @param seed seeds data order, splits and dropout
 */
public record TrainingConfig(
        int maxSteps,
        int batchSize,
        int accumulationSteps,
        double learningRate,
        double minLearningRateRatio,
        int warmupSteps,
        double weightDecay,
        double beta1,
        double beta2,
        double epsilon,
        double maxGradientNorm,
        double validationFraction,
        int evaluateEvery,
        int patience,
        int checkpointEvery,
        Path checkpointDirectory,
        Path resumeFrom,
        long seed) {

    public TrainingConfig {
        check(maxSteps > 0, "maxSteps must be positive");
        check(batchSize > 0, "batchSize must be positive");
        check(accumulationSteps > 0, "accumulationSteps must be positive");
        check(learningRate > 0, "learningRate must be positive");
        check(minLearningRateRatio >= 0 && minLearningRateRatio <= 1, "minLearningRateRatio must be in [0, 1]");
        check(warmupSteps >= 0, "warmupSteps must not be negative");
        check(weightDecay >= 0, "weightDecay must not be negative");
        check(maxGradientNorm >= 0, "maxGradientNorm must not be negative");
        check(validationFraction >= 0 && validationFraction < 1, "validationFraction must be in [0, 1)");
        check(evaluateEvery >= 0 && patience >= 0 && checkpointEvery >= 0, "intervals must not be negative");
        check(checkpointEvery == 0 || checkpointDirectory != null, "checkpointEvery needs a checkpointDirectory");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxSteps = maxSteps;
        b.batchSize = batchSize;
        b.accumulationSteps = accumulationSteps;
        b.learningRate = learningRate;
        b.minLearningRateRatio = minLearningRateRatio;
        b.warmupSteps = warmupSteps;
        b.weightDecay = weightDecay;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.epsilon = epsilon;
        b.maxGradientNorm = maxGradientNorm;
        b.validationFraction = validationFraction;
        b.evaluateEvery = evaluateEvery;
        b.patience = patience;
        b.checkpointEvery = checkpointEvery;
        b.checkpointDirectory = checkpointDirectory;
        b.resumeFrom = resumeFrom;
        b.seed = seed;
        return b;
    }

    /** Builds a {@link TrainingConfig}. */
    public static final class Builder {
        private int maxSteps = 100;
        private int batchSize = 8;
        private int accumulationSteps = 1;
        private double learningRate = 3e-4;
        private double minLearningRateRatio = 0.1;
        private int warmupSteps = 10;
        private double weightDecay = 0.01;
        private double beta1 = 0.9;
        private double beta2 = 0.95;
        private double epsilon = 1e-8;
        private double maxGradientNorm = 1.0;
        private double validationFraction = 0.1;
        private int evaluateEvery = 0;
        private int patience = 0;
        private int checkpointEvery = 0;
        private Path checkpointDirectory;
        private Path resumeFrom;
        private long seed = 42;

        /** Default 100. */
        public Builder maxSteps(int v) {
            maxSteps = v;
            return this;
        }

        /** Default 8. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Default 1. */
        public Builder accumulationSteps(int v) {
            accumulationSteps = v;
            return this;
        }

        /** Default 3e-4. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Default 0.1. */
        public Builder minLearningRateRatio(double v) {
            minLearningRateRatio = v;
            return this;
        }

        /** Default 10. */
        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        /** Default 0.01. */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Defaults 0.9 and 0.95. */
        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /** Default 1e-8. */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** Default 1.0; 0 disables clipping. */
        public Builder maxGradientNorm(double v) {
            maxGradientNorm = v;
            return this;
        }

        /** Default 0.1. */
        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        /** Default 0 (validate at the end only). */
        public Builder evaluateEvery(int v) {
            evaluateEvery = v;
            return this;
        }

        /** Default 0 (no early stopping). */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** Default: no checkpoints. */
        public Builder checkpoints(Path directory, int every) {
            checkpointDirectory = directory;
            checkpointEvery = every;
            return this;
        }

        /** Default: start from scratch. */
        public Builder resumeFrom(Path checkpoint) {
            resumeFrom = checkpoint;
            return this;
        }

        /** Default 42. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(
                    maxSteps,
                    batchSize,
                    accumulationSteps,
                    learningRate,
                    minLearningRateRatio,
                    warmupSteps,
                    weightDecay,
                    beta1,
                    beta2,
                    epsilon,
                    maxGradientNorm,
                    validationFraction,
                    evaluateEvery,
                    patience,
                    checkpointEvery,
                    checkpointDirectory,
                    resumeFrom,
                    seed);
        }
    }
}
