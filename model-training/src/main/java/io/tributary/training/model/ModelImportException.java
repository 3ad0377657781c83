package io.tributary.training.model;

import java.io.IOException;

/**
 * A model folder this engine refuses: an unknown architecture, a missing file, a tensor of the wrong shape, a
 * tokenizer that does not fit the model. The message names the file, the tensor and what was expected.
 */
public class ModelImportException extends IOException {

    public ModelImportException(String message) {
        super(message);
    }

    public ModelImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
