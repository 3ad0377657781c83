package io.tributary.training.model.internal;

/**
 * The process-wide lock around gradient collection: DJL's PyTorch engine allows one gradient collector at a time,
 * so training steps and attribution passes on different threads take turns instead of failing.
 */
public final class Autograd {

    public static final Object LOCK = new Object();

    private Autograd() {}
}
