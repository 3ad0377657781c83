package io.tributary.application.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential back-off from {@value #FIRST_SECONDS} seconds, doubling, at most
 * {@value #CAP_MINUTES} minutes apart; after {@value #MAX_ATTEMPTS} failed attempts (about three hours) it stops and
 * waits for staff to retry it from Admin → Events.
 */
public final class RetrySchedule {

    static final long FIRST_SECONDS = 2;
    static final long CAP_MINUTES = 15;
    public static final int MAX_ATTEMPTS = 20;

    private RetrySchedule() {}

    /** The wait after the {@code failures}-th failed attempt in a row (1 for the first). */
    public static Duration delayAfter(int failures) {
        if (failures < 1) throw new IllegalArgumentException("failures from 1: " + failures);
        Duration cap = Duration.ofMinutes(CAP_MINUTES);
        // 2^n overflows long past n = 62; any n past 9 is over the cap anyway.
        int doublings = Math.min(failures - 1, 20);
        Duration delay = Duration.ofSeconds(FIRST_SECONDS << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** When to try again after the {@code failures}-th failure at {@code failedAt}; empty once attempts run out. */
    public static Optional<Instant> next(int failures, Instant failedAt) {
        return failures >= MAX_ATTEMPTS ? Optional.empty() : Optional.of(failedAt.plus(delayAfter(failures)));
    }
}
