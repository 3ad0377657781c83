package io.tributary.application.rewards.custody;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A wallet's private key as the database stores it: encrypted under a per-wallet data key, itself wrapped by a master
 * key the database never sees.
 *
 * @param walletId the wallet this key belongs to; bound into both ciphertexts
 * @param tenantId the owning tenant; bound into both ciphertexts
 * @param address the EIP-55 checksummed address, public and bound into the private key's ciphertext
 * @param algorithm the sealing scheme, so a later scheme can be told apart from this one
 * @param masterKeyId the master key that wrapped the data key
 * @param dataKeyNonce the 96-bit GCM nonce used to wrap the data key
 * @param wrappedDataKey the AES-256 data key, encrypted with the master key (ciphertext followed by the 128-bit tag)
 * @param privateKeyNonce the 96-bit GCM nonce used to encrypt the private key
 * @param encryptedPrivateKey the 32-byte secp256k1 private key, encrypted with the data key (with its tag)
 */
public record SealedKey(
        UUID walletId,
        UUID tenantId,
        String address,
        String algorithm,
        String masterKeyId,
        byte[] dataKeyNonce,
        byte[] wrappedDataKey,
        byte[] privateKeyNonce,
        byte[] encryptedPrivateKey) {

    /** The only scheme this version writes: secp256k1 key, AES-256-GCM data key, AES-256-GCM master key wrap. */
    public static final String ALGORITHM_V1 = "secp256k1/AES-256-GCM/AES-256-GCM-wrap/v1";

    static final int NONCE_BYTES = 12;

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public SealedKey {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(masterKeyId, "masterKeyId");
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("Address is not a 20-byte hex address: " + address);
        }
        if (masterKeyId.isBlank()) {
            throw new IllegalArgumentException("Master key id is blank");
        }
        dataKeyNonce = copyOfNonce(dataKeyNonce, "dataKeyNonce");
        privateKeyNonce = copyOfNonce(privateKeyNonce, "privateKeyNonce");
        wrappedDataKey =
                Objects.requireNonNull(wrappedDataKey, "wrappedDataKey").clone();
        encryptedPrivateKey = Objects.requireNonNull(encryptedPrivateKey, "encryptedPrivateKey")
                .clone();
    }

    // Arrays are copied in and out so a caller holding a reference cannot alter what was validated or persisted.

    @Override
    public byte[] dataKeyNonce() {
        return dataKeyNonce.clone();
    }

    @Override
    public byte[] wrappedDataKey() {
        return wrappedDataKey.clone();
    }

    @Override
    public byte[] privateKeyNonce() {
        return privateKeyNonce.clone();
    }

    @Override
    public byte[] encryptedPrivateKey() {
        return encryptedPrivateKey.clone();
    }

    /** The same key with its data key wrapped again under another master key; the private key ciphertext is kept. */
    SealedKey withWrappedDataKey(String newMasterKeyId, byte[] newNonce, byte[] newWrappedDataKey) {
        return new SealedKey(
                walletId,
                tenantId,
                address,
                algorithm,
                newMasterKeyId,
                newNonce,
                newWrappedDataKey,
                privateKeyNonce,
                encryptedPrivateKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedKey that
                && walletId.equals(that.walletId)
                && tenantId.equals(that.tenantId)
                && address.equals(that.address)
                && algorithm.equals(that.algorithm)
                && masterKeyId.equals(that.masterKeyId)
                && Arrays.equals(dataKeyNonce, that.dataKeyNonce)
                && Arrays.equals(wrappedDataKey, that.wrappedDataKey)
                && Arrays.equals(privateKeyNonce, that.privateKeyNonce)
                && Arrays.equals(encryptedPrivateKey, that.encryptedPrivateKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(walletId, tenantId, address, masterKeyId);
    }

    // Ciphertext is not secret, but it is left out too: log lines are copied to places nobody audits.
    @Override
    public String toString() {
        return "SealedKey[walletId=" + walletId + ", tenantId=" + tenantId + ", address=" + address + ", algorithm="
                + algorithm + ", masterKeyId=" + masterKeyId + "]";
    }

    private static byte[] copyOfNonce(byte[] nonce, String name) {
        Objects.requireNonNull(nonce, name);
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException(name + " must be " + NONCE_BYTES + " bytes, was " + nonce.length);
        }
        return nonce.clone();
    }
}
