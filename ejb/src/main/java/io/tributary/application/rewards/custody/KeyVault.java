package io.tributary.application.rewards.custody;

import io.tributary.chain.EvmAddress;
import io.tributary.chain.SigningKey;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing service's gatekeeper: creates tenant wallet keys, hands out only their sealed form, and opens one only
 * for the duration of a callback.
 *
 * <p>Each wallet gets its own AES-256 data key, which encrypts the 32-byte private key and is itself wrapped by the
 * provider's current master key. Both encryptions are AES-256-GCM with a fresh 96-bit nonce and associated data
 * binding the wallet and tenant (and, for the private key, the address), so a sealed key copied onto another wallet or
 * tenant row fails to authenticate instead of opening. Any authentication failure is final: there is no fallback.
 *
 * <p>Plaintext byte arrays are zeroed after use. What Java cannot clear is said plainly: {@link SecretKeySpec} and
 * {@link Cipher} keep their own copies of the data key, and the chain library's {@link SigningKey} holds the private
 * key as an immutable {@link BigInteger}; the vault keeps no reference to either once the callback returns, so they live only until the
 * next garbage collection.
 */
public final class KeyVault {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    // Domain labels keep a data-key ciphertext from ever authenticating as a private-key ciphertext and vice versa.
    private static final byte[] DATA_KEY_LABEL = label("data-key");
    private static final byte[] PRIVATE_KEY_LABEL = label("private-key");

    private final MasterKeyProvider masterKeys;
    private final SecureRandom random;

    public KeyVault(MasterKeyProvider masterKeys) {
        this(masterKeys, new SecureRandom());
    }

    public KeyVault(MasterKeyProvider masterKeys, SecureRandom random) {
        this.masterKeys = Objects.requireNonNull(masterKeys, "masterKeys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Generates the wallet's secp256k1 key and returns it sealed under the current master key. */
    public SealedKey create(UUID walletId, UUID tenantId) {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(tenantId, "tenantId");
        String masterKeyId = masterKeys.currentKeyId();
        SecretKey master = masterKey(masterKeyId);
        byte[] privateKey = newPrivateKey();
        byte[] dataKey = new byte[KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            String address = SigningKey.of(privateKey).address().checksummed();
            byte[] privateKeyNonce = nonce();
            byte[] encryptedPrivateKey = seal(
                    new SecretKeySpec(dataKey, "AES"),
                    privateKeyNonce,
                    privateKeyAad(walletId, tenantId, address),
                    privateKey,
                    walletId);
            byte[] dataKeyNonce = nonce();
            byte[] wrappedDataKey =
                    seal(master, dataKeyNonce, dataKeyAad(walletId, tenantId, masterKeyId), dataKey, walletId);
            return new SealedKey(
                    walletId,
                    tenantId,
                    address,
                    SealedKey.ALGORITHM_V1,
                    masterKeyId,
                    dataKeyNonce,
                    wrappedDataKey,
                    privateKeyNonce,
                    encryptedPrivateKey);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Opens the key for the length of {@code use} and returns what it computed (a signature, a signed transaction).
     *
     * @throws ForeignWallet if the key belongs to another tenant than {@code expectedTenant}; nothing is decrypted
     * @throws VaultSealed if the sealed key does not authenticate
     * @throws KeyUnavailable if its master key is not held by the provider
     * @throws IllegalStateException if {@code use} tries to return the credentials or key pair themselves
     */
    public <T> T withCredentials(SealedKey sealed, UUID expectedTenant, Function<SigningKey, T> use) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(expectedTenant, "expectedTenant");
        Objects.requireNonNull(use, "use");
        if (!sealed.tenantId().equals(expectedTenant)) {
            throw new ForeignWallet(sealed.walletId(), expectedTenant);
        }
        requireSupported(sealed);
        byte[] dataKey = unwrapDataKey(sealed);
        byte[] privateKey = null;
        try {
            privateKey = open(
                    new SecretKeySpec(dataKey, "AES"),
                    sealed.privateKeyNonce(),
                    privateKeyAad(sealed.walletId(), sealed.tenantId(), sealed.address()),
                    sealed.encryptedPrivateKey(),
                    sealed.walletId());
            if (privateKey.length != KEY_BYTES) {
                throw new VaultSealed(sealed.walletId(), "private key has the wrong length");
            }
            if (!SigningKey.isValidPrivateKey(privateKey)) {
                throw new VaultSealed(sealed.walletId(), "private key is not a secp256k1 key");
            }
            SigningKey key = SigningKey.of(privateKey);
            // Exact spelling is checked: the AAD binds the address bytes, this also pins the stored checksum case.
            if (!key.address().checksummed().equals(sealed.address())) {
                throw new VaultSealed(sealed.walletId(), "key does not match the wallet address");
            }
            T result = use.apply(key);
            if (result instanceof SigningKey) {
                throw new IllegalStateException(
                        "Credentials of wallet " + sealed.walletId() + " must not leave the vault");
            }
            return result;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            if (privateKey != null) {
                Arrays.fill(privateKey, (byte) 0);
            }
        }
    }

    /**
     * Wraps the key's data key again under the provider's current master key, so the old master key can be retired.
     * The private key ciphertext, and so the address, are unchanged. A key already under the current master key is
     * returned as it is, but only after its data key authenticated: a rotation run doubles as an integrity check.
     */
    public SealedKey rewrap(SealedKey sealed) {
        Objects.requireNonNull(sealed, "sealed");
        requireSupported(sealed);
        String currentId = masterKeys.currentKeyId();
        byte[] dataKey = unwrapDataKey(sealed);
        try {
            if (currentId.equals(sealed.masterKeyId())) {
                return sealed;
            }
            SecretKey current = masterKey(currentId);
            byte[] nonce = nonce();
            byte[] wrapped = seal(
                    current,
                    nonce,
                    dataKeyAad(sealed.walletId(), sealed.tenantId(), currentId),
                    dataKey,
                    sealed.walletId());
            return sealed.withWrappedDataKey(currentId, nonce, wrapped);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] unwrapDataKey(SealedKey sealed) {
        byte[] dataKey = open(
                masterKey(sealed.masterKeyId()),
                sealed.dataKeyNonce(),
                dataKeyAad(sealed.walletId(), sealed.tenantId(), sealed.masterKeyId()),
                sealed.wrappedDataKey(),
                sealed.walletId());
        if (dataKey.length != KEY_BYTES) {
            Arrays.fill(dataKey, (byte) 0);
            throw new VaultSealed(sealed.walletId(), "data key has the wrong length");
        }
        return dataKey;
    }

    private SecretKey masterKey(String keyId) {
        SecretKey key = masterKeys.key(keyId);
        if (key == null) {
            throw new KeyUnavailable("Master key " + keyId + " is not available");
        }
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new KeyUnavailable("Master key " + keyId + " is not an AES key");
        }
        // Keys held in an HSM may not export their bytes; only keys that do can be checked for size here.
        byte[] encoded = key.getEncoded();
        if (encoded != null) {
            int length = encoded.length;
            Arrays.fill(encoded, (byte) 0);
            if (length != KEY_BYTES) {
                throw new KeyUnavailable("Master key " + keyId + " is not a 256-bit key");
            }
        }
        return key;
    }

    // Rejection sampling: a uniformly random 32-byte string is a valid key unless it is 0 or at least the curve order.
    private byte[] newPrivateKey() {
        byte[] candidate = new byte[KEY_BYTES];
        while (true) {
            random.nextBytes(candidate);
            if (SigningKey.isValidPrivateKey(candidate)) {
                return candidate;
            }
        }
    }

    private byte[] nonce() {
        byte[] nonce = new byte[SealedKey.NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] seal(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext, UUID walletId) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            // The provider's message is not repeated: it is not ours to vouch that it holds no secret.
            throw new IllegalStateException("Sealing the key of wallet " + walletId + " failed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] open(SecretKey key, byte[] nonce, byte[] aad, byte[] ciphertext, UUID walletId) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new VaultSealed(walletId, "authentication failed (wrong master key or altered record)");
        } catch (GeneralSecurityException e) {
            throw new VaultSealed(walletId, "decryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void requireSupported(SealedKey sealed) {
        if (!SealedKey.ALGORITHM_V1.equals(sealed.algorithm())) {
            throw new VaultSealed(sealed.walletId(), "unsupported algorithm " + sealed.algorithm());
        }
    }

    private static byte[] dataKeyAad(UUID walletId, UUID tenantId, String masterKeyId) {
        byte[] keyId = masterKeyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(DATA_KEY_LABEL.length + 32 + 4 + keyId.length)
                .put(DATA_KEY_LABEL)
                .putLong(walletId.getMostSignificantBits())
                .putLong(walletId.getLeastSignificantBits())
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits())
                .putInt(keyId.length)
                .put(keyId)
                .array();
    }

    private static byte[] privateKeyAad(UUID walletId, UUID tenantId, String address) {
        // The address is bound by its 20 bytes, not its spelling, so checksum case cannot matter.
        byte[] addressBytes = EvmAddress.of(address).toBytes();
        return ByteBuffer.allocate(PRIVATE_KEY_LABEL.length + 32 + addressBytes.length)
                .put(PRIVATE_KEY_LABEL)
                .putLong(walletId.getMostSignificantBits())
                .putLong(walletId.getLeastSignificantBits())
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits())
                .put(addressBytes)
                .array();
    }

    private static byte[] label(String purpose) {
        String text = SealedKey.ALGORITHM_V1 + "|" + purpose + "|";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + bytes.length)
                .putInt(bytes.length)
                .put(bytes)
                .array();
    }
}
