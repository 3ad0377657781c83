package io.tributary.training.serving;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Path;

/** Where the adapter cache loads an adapter from when it is not resident. */
@FunctionalInterface
public interface AdapterSource {

    /** Loads adapter {@code id}; the cache copies what it needs and closes the adapter. */
    Adapter load(String id) throws IOException;

    /** Adapters stored as PEFT directories {@code root/<id>}. */
    static AdapterSource directory(Path root, LanguageModel model) {
        return id -> {
            if (id.isBlank() || id.contains("/") || id.contains("\\") || id.startsWith(".")) {
                throw new IOException("Invalid adapter id '" + id + "'");
            }
            return Adapter.load(root.resolve(id), model);
        };
    }
}
