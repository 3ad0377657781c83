package io.tributary.persistence.serving;

/**
 * An organization's current one-minute window after counting a request: requests so far (this one included), tokens
 * served in it, and the milliseconds until it ends.
 */
public record RateWindow(int requests, long tokens, long millisLeft) {}
