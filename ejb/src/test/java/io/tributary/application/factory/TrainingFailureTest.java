package io.tributary.application.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** A failed run's reason tells the builder what happened and what to do, without stack traces or server paths. */
class TrainingFailureTest {

    @Test
    void aFullDiskIsNamedAsSuchWhereverItSitsInTheCauses() {
        var full = new UncheckedIOException(new FileSystemException(
                "/srv/wildfly/data/factory/runs/x/checkpoints/step-8/adapter_model.safetensors",
                null,
                "No space left on device"));
        assertThat(TrainingExecution.reason(new RuntimeException("checkpoint failed", full)))
                .startsWith("The server's disk is full")
                .contains("resume the run")
                .doesNotContain("/srv/wildfly");
        assertThat(TrainingExecution.reason(new IOException("Disk quota exceeded")))
                .startsWith("The server's disk is full");
    }

    @Test
    void otherFailuresGiveTheirCauseClipped() {
        assertThat(TrainingExecution.reason(new IllegalStateException("x".repeat(800))))
                .startsWith("Training failed: ")
                .hasSize("Training failed: ".length() + 501);
        assertThat(TrainingExecution.reason(new NullPointerException()))
                .isEqualTo("Training failed: NullPointerException");
    }

    @Test
    void aNonFiniteLossAdvisesALowerLearningRate() {
        assertThat(TrainingExecution.diverged(17, Double.NaN))
                .isEqualTo("Training diverged: the loss became NaN at step 17. Lower the learning rate, or fork from"
                        + " an earlier checkpoint with a smaller one.");
        assertThat(TrainingExecution.diverged(3, Double.POSITIVE_INFINITY)).contains("Infinity at step 3");
    }
}
