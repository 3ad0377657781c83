package io.tributary.persistence.attribution;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;

/**
 * A split of a price in basis points (1/100 of a percent) among data contributors, validators, the model owner and the
 * platform; the four always sum to 10,000.
 */
@Embeddable
public record Shares(
        @Column(name = "contributors_bp", nullable = false) int contributors,
        @Column(name = "validators_bp", nullable = false) int validators,
        @Column(name = "owner_bp", nullable = false) int owner,
        @Column(name = "platform_bp", nullable = false) int platform)
        implements Serializable {

    public static final int WHOLE = 10_000;

    /** What a version starts with until its owner chooses: 50% contributors, 10% validators, 30% owner, 10% platform. */
    public static final Shares DEFAULT = new Shares(5000, 1000, 3000, 1000);

    public int sum() {
        return contributors + validators + owner + platform;
    }

    public int of(PayeeRole role) {
        return switch (role) {
            case CONTRIBUTOR -> contributors;
            case VALIDATOR -> validators;
            case MODEL_OWNER -> owner;
            case PLATFORM -> platform;
        };
    }
}
