package io.tributary.application.serving;

import io.tributary.training.model.LanguageModel;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Runs model-library work with the library's class loader as the thread's context loader (DJL finds its engine and
 * natives through it; the library is one JBoss module, so PyTorch loads once per JVM), on the calling thread or on
 * the managed threads an adapter server starts.
 */
final class LibraryThreads {

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private LibraryThreads() {}

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

    /** Threads of {@code managed} that run their task with the library's context loader. */
    static ThreadFactory of(ThreadFactory managed) {
        return task -> managed.newThread(() -> call(() -> {
            task.run();
            return null;
        }));
    }
}
