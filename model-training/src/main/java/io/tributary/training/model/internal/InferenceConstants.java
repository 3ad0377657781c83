package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Tensors that inference passes would otherwise rebuild for every token — a weight's transposed view, a scalar —
 * kept alive across passes. Each native call costs far more than the arithmetic of a small decode step, so these
 * save calls, not flops. Training passes get fresh tensors as before, so autograd sees the usual graph.
 */
final class InferenceConstants {

    private NDArray transposeSource;
    private NDArray transposed;
    private NDArray scalarAnchor;
    private NDArray scalar;

    /** {@code weight.transpose()}, reused while {@code weight} is the same tensor (merging adds in place). */
    synchronized NDArray transposed(NDArray weight, boolean training) {
        if (training) {
            return weight.transpose();
        }
        if (transposeSource != weight) {
            NDArray view = weight.transpose();
            NDScope.unregister(view);
            if (transposed != null) {
                transposed.close();
            }
            transposeSource = weight;
            transposed = view;
        }
        return transposed;
    }

    /**
     * The scalar {@code value}; for inference created once in the manager of {@code anchor} (a weight, which lives as
     * long as the model), for training in the pass's manager (see STACK.md's NaN pitfall).
     */
    synchronized NDArray scalar(float value, NDArray anchor, NDArray x, boolean training) {
        if (training) {
            return x.getManager().create(value);
        }
        if (scalarAnchor != anchor) {
            NDArray created = anchor.getManager().create(value);
            NDScope.unregister(created);
            if (scalar != null) {
                scalar.close();
            }
            scalarAnchor = anchor;
            scalar = created;
        }
        return scalar;
    }
}
