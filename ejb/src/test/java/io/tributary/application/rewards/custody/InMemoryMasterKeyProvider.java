package io.tributary.application.rewards.custody;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Master keys held in memory, for tests only: production keys must survive a restart. */
final class InMemoryMasterKeyProvider implements MasterKeyProvider {

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private String currentKeyId;

    static InMemoryMasterKeyProvider withRandomKey(String keyId) {
        return new InMemoryMasterKeyProvider().addRandom(keyId).makeCurrent(keyId);
    }

    InMemoryMasterKeyProvider add(String keyId, byte[] key) {
        keys.put(keyId, new SecretKeySpec(key, "AES"));
        return this;
    }

    InMemoryMasterKeyProvider addRandom(String keyId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return add(keyId, key);
    }

    InMemoryMasterKeyProvider makeCurrent(String keyId) {
        currentKeyId = keyId;
        return this;
    }

    InMemoryMasterKeyProvider retire(String keyId) {
        keys.remove(keyId);
        return this;
    }

    byte[] rawKey(String keyId) {
        return keys.get(keyId).getEncoded();
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    public String currentKeyId() {
        return currentKeyId;
    }

    @Override
    public SecretKey key(String keyId) {
        lookups.incrementAndGet();
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new KeyUnavailable("Master key " + keyId + " is not held");
        }
        return key;
    }
}
