package io.tributary.application.factory;

import io.tributary.training.model.LanguageModel;
import java.util.function.Supplier;

/**
 * Runs model-library work with the library's own class loader as the thread's context loader: DJL finds its engine
 * and natives through it, and the library lives in a JBoss module shared by the JVM, so PyTorch loads once.
 */
final class DjlContext {

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // One PyTorch thread per run (as the CLI): runs train in parallel on the managed executor's threads, and
        // PyTorch's own pools would otherwise oversubscribe the cores (measured: 110 against ~1,600 tokens/s).
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private DjlContext() {}

    static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LanguageModel.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
