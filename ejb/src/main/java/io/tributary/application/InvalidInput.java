package io.tributary.application;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/** Input that breaks a rule; {@link #violations()} maps each field to a message a person can act on. */
@ApplicationException(rollback = true)
public class InvalidInput extends RuntimeException {

    private final Map<String, String> violations;

    public InvalidInput(Map<String, String> violations) {
        super(String.join(" ", violations.values()));
        this.violations = Map.copyOf(violations);
    }

    public InvalidInput(String field, String message) {
        this(Map.of(field, message));
    }

    public Map<String, String> violations() {
        return violations;
    }
}
