package io.tributary.training.train.internal;

/** Linear warm-up to the peak rate, then cosine decay to {@code minRatio} of it at the last step. */
public record LearningRateSchedule(double peak, double minRatio, int warmupSteps, int totalSteps) {

    /** The rate of 1-based step {@code step}. */
    public double at(int step) {
        if (warmupSteps > 0 && step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double min = peak * minRatio;
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
