package io.tributary.training.train;

import java.time.Duration;

/**
 * What a listener learns after each optimiser step.
 *
 * @param step steps done so far (1-based)
 * @param totalSteps steps of the run
 * @param loss mean training loss of this step
 * @param learningRate the rate used for this step
 * @param tokensPerSecond input tokens processed per second since the run (or resume) began
 * @param eta estimated time to finish
 */
public record TrainingProgress(
        int step, int totalSteps, double loss, double learningRate, double tokensPerSecond, Duration eta) {}
