package io.tributary.application.factory;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Training tokens per second this server last measured, for estimates; a cautious default until a run has trained. */
@ApplicationScoped
public class Throughput {

    static final double DEFAULT_TOKENS_PER_SECOND = 1_500;

    private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(DEFAULT_TOKENS_PER_SECOND));

    public double tokensPerSecond() {
        return Double.longBitsToDouble(bits.get());
    }

    void measured(double tokensPerSecond) {
        if (tokensPerSecond > 0 && Double.isFinite(tokensPerSecond)) {
            bits.set(Double.doubleToLongBits(tokensPerSecond));
        }
    }
}
