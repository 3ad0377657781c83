package io.tributary.application.factory;

import java.util.List;

/** Ready-made settings for builders who do not want to choose each one. */
public enum Preset {
    QUICK(new RunSettings(4, 8, 0.0, List.of("c_attn"), 2e-3, 5, 1, 0, 8, 1, 128, 0.1, 42, 0, 0, 20)),
    BALANCED(new RunSettings(
            8, 16, 0.05, List.of("c_attn", "c_proj", "c_fc"), 1e-3, 10, 3, 0, 8, 1, 256, 0.1, 42, 0, 0, 50)),
    THOROUGH(new RunSettings(
            16, 32, 0.1, List.of("c_attn", "c_proj", "c_fc"), 5e-4, 20, 6, 0, 8, 2, 256, 0.1, 42, 3, 50, 50));

    private final RunSettings settings;

    Preset(RunSettings settings) {
        this.settings = settings;
    }

    public RunSettings settings() {
        return settings;
    }
}
