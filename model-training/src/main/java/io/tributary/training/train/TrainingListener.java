package io.tributary.training.train;

import java.nio.file.Path;

/** Receives a training run's events, e.g. to chart them live; called on the training thread. */
public interface TrainingListener {

    void onStep(TrainingProgress progress);

    default void onValidation(int step, double loss) {}

    default void onCheckpoint(int step, Path checkpoint) {}

    default void onFinish(TrainingResult result) {}
}
