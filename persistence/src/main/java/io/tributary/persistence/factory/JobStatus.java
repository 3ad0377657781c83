package io.tributary.persistence.factory;

/** Where a training job is: waiting, training on some node, or ended. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
