package io.tributary.application.tenancy;

/** A new API key with its secret, which exists only in this object: the database keeps a hash. */
public record IssuedApiKey(ApiKeyView key, String secret) {

    /** Never the secret: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "IssuedApiKey[key=" + (key == null ? null : key.id()) + ", secret=(hidden)]";
    }
}
