package io.tributary.chain;

import io.tributary.chain.dev.DevChain;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One Hardhat node for the whole test run (starting one costs seconds); JUnit closes it after the last test. */
final class SharedDevChain {
    private SharedDevChain() {}

    static DevChain get(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedDevChain.class, key -> DevChain.start(), DevChain.class);
    }
}
