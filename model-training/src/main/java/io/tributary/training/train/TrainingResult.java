package io.tributary.training.train;

import java.util.List;

/**
 * How a training run ended.
 *
 * @param status why it ended
 * @param steps optimiser steps done in total (including those before a resume)
 * @param losses training loss of every step, including those before a resume
 * @param validationLoss the last validation loss, NaN when there was no validation data
 * @param bestValidationLoss the lowest validation loss seen, NaN when none
 */
public record TrainingResult(
        Status status, int steps, List<Double> losses, double validationLoss, double bestValidationLoss) {

    /** Why a run ended. */
    public enum Status {
        COMPLETED,
        EARLY_STOPPED,
        CANCELLED
    }

    public double finalLoss() {
        return losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1);
    }
}
