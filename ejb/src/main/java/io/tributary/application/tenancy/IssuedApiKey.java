package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.ApiKey;

/** A new API key with its secret, which exists only in this object: the database keeps a hash. */
public record IssuedApiKey(ApiKey key, String secret) {

    /** Never the secret: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "IssuedApiKey[key=" + (key == null ? null : key.getId()) + ", secret=(hidden)]";
    }
}
