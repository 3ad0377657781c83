package io.tributary.application.rewards.custody;

import javax.crypto.SecretKey;

/** Source of the AES-256 master keys that wrap each wallet's data key (credential store, keystore or cloud KMS). */
public interface MasterKeyProvider {

    /** The id new and rewrapped keys are sealed under; older ids stay readable until their key is retired. */
    String currentKeyId();

    /**
     * The master key with this id.
     *
     * @throws KeyUnavailable if the provider does not (or no longer) hold it
     */
    SecretKey key(String keyId);
}
