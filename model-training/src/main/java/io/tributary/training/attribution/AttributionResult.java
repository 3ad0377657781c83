package io.tributary.training.attribution;

import java.util.List;

/**
 * The top training records for one inference under one method.
 *
 * @param method the method's name, e.g. {@code lora-gradient-influence}
 * @param version the method's version and parameters, stored with receipts so a score can be reproduced
 * @param top the best records, best first
 */
public record AttributionResult(String method, String version, List<ScoredRecord> top) {

    public AttributionResult {
        top = List.copyOf(top);
    }
}
