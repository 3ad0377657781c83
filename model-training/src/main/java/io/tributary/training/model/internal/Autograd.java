package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording on the calling thread only. PyTorch keeps its grad mode per thread, so runs on different
 * threads record and back-propagate at the same time; DJL's {@code GradientCollector} would instead allow one
 * collector per process (a static flag), which serialised every training run in the JVM.
 */
public final class Autograd {

    private Autograd() {}

    /** A change of the calling thread's grad mode, undone by {@link #close}. */
    public static final class Mode implements AutoCloseable {
        private final boolean previous;

        private Mode(boolean enabled) {
            previous = JniUtils.isGradMode();
            JniUtils.setGradMode(enabled);
        }

        @Override
        public void close() {
            JniUtils.setGradMode(previous);
        }
    }

    /** Records operations on this thread for {@link #backward} until closed. */
    public static Mode record() {
        return new Mode(true);
    }

    /**
     * Turns recording off on this thread until closed. Threads other than the one that started the engine begin
     * with PyTorch's default (recording on), where in-place updates of trainable tensors would be refused.
     */
    public static Mode pause() {
        return new Mode(false);
    }

    /** Accumulates d(loss)/d(tensor) into the gradient of every tensor that requires one. */
    public static void backward(NDArray loss) {
        try (NDArray ones = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, false, false);
        }
    }
}
