package io.tributary.application.rewards.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.TransactionType;
import org.web3j.utils.Numeric;

class KeyVaultTest {

    private static final UUID TENANT_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID TENANT_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private InMemoryMasterKeyProvider masterKeys;
    private KeyVault vault;

    @BeforeEach
    void setUp() {
        masterKeys = InMemoryMasterKeyProvider.withRandomKey("master-1");
        vault = new KeyVault(masterKeys);
    }

    @Test
    void createdKeyOpensToCredentialsOfItsAddress() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        String inside = vault.withCredentials(sealed, TENANT_A, Credentials::getAddress);

        assertThat(sealed.address()).matches("0x[0-9a-fA-F]{40}").isEqualTo(Keys.toChecksumAddress(inside));
        assertThat(sealed.masterKeyId()).isEqualTo("master-1");
        assertThat(sealed.algorithm()).isEqualTo(SealedKey.ALGORITHM_V1);
    }

    @Test
    void everyWalletGetsItsOwnKeyAndNonces() {
        SealedKey first = vault.create(UUID.randomUUID(), TENANT_A);
        SealedKey second = vault.create(UUID.randomUUID(), TENANT_A);

        assertThat(first.address()).isNotEqualTo(second.address());
        assertThat(first.wrappedDataKey()).isNotEqualTo(second.wrappedDataKey());
        assertThat(first.dataKeyNonce()).isNotEqualTo(second.dataKeyNonce());
        assertThat(first.privateKeyNonce()).isNotEqualTo(second.privateKeyNonce());
    }

    @Test
    void sealedFormHoldsNoPrivateKeyInAnyEncoding() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        byte[] privateKey = privateKeyOf(sealed);
        String hex = HexFormat.of().formatHex(privateKey);

        for (byte[] field : List.of(
                sealed.dataKeyNonce(),
                sealed.wrappedDataKey(),
                sealed.privateKeyNonce(),
                sealed.encryptedPrivateKey())) {
            assertThat(indexOf(field, privateKey)).isEqualTo(-1);
            assertThat(indexOf(field, hex.getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        }
        assertThat(sealed.encryptedPrivateKey()).hasSize(32 + 16);
        assertThat(sealed.wrappedDataKey()).hasSize(32 + 16);
        assertNoSecret(sealed.toString(), hex);
    }

    @Test
    void wrongMasterKeyFailsClosed() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        KeyVault impostor = new KeyVault(InMemoryMasterKeyProvider.withRandomKey("master-1"));
        AtomicBoolean used = new AtomicBoolean();

        assertThatThrownBy(() -> impostor.withCredentials(sealed, TENANT_A, c -> used.getAndSet(true)))
                .isInstanceOf(VaultSealed.class)
                .hasMessageContaining(sealed.walletId().toString())
                .hasMessageContaining("authentication failed");
        assertThatThrownBy(() -> impostor.rewrap(sealed)).isInstanceOf(VaultSealed.class);
        assertThat(used).isFalse();
    }

    @Test
    void everyAlteredByteFailsClosed() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        int fields = 4;
        int checked = 0;
        for (int field = 0; field < fields; field++) {
            int length = field(sealed, field).length;
            for (int index = 0; index < length; index++) {
                byte[] altered = field(sealed, field);
                altered[index] ^= 0x01;
                SealedKey tampered = replace(sealed, field, altered);
                assertThatThrownBy(() -> vault.withCredentials(tampered, TENANT_A, Credentials::getAddress))
                        .isInstanceOf(VaultSealed.class);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(12 + 48 + 12 + 48);
        SealedKey truncated = replace(sealed, 3, java.util.Arrays.copyOf(sealed.encryptedPrivateKey(), 47));
        assertThatThrownBy(() -> vault.withCredentials(truncated, TENANT_A, Credentials::getAddress))
                .isInstanceOf(VaultSealed.class);
    }

    @Test
    void recordMovedToAnotherWalletTenantOrAddressFailsClosed() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        SealedKey other = vault.create(UUID.randomUUID(), TENANT_A);

        SealedKey otherWallet = copy(sealed, UUID.randomUUID(), TENANT_A, sealed.address());
        SealedKey otherTenant = copy(sealed, sealed.walletId(), TENANT_B, sealed.address());
        SealedKey otherAddress = copy(sealed, sealed.walletId(), TENANT_A, other.address());
        SealedKey lowerCased =
                copy(sealed, sealed.walletId(), TENANT_A, sealed.address().toLowerCase(Locale.ROOT));
        SealedKey swappedCiphertext = new SealedKey(
                sealed.walletId(),
                TENANT_A,
                sealed.address(),
                sealed.algorithm(),
                sealed.masterKeyId(),
                sealed.dataKeyNonce(),
                sealed.wrappedDataKey(),
                other.privateKeyNonce(),
                other.encryptedPrivateKey());

        for (SealedKey moved : List.of(otherWallet, otherAddress, lowerCased, swappedCiphertext)) {
            assertThatThrownBy(() -> vault.withCredentials(moved, TENANT_A, Credentials::getAddress))
                    .isInstanceOf(VaultSealed.class);
        }
        assertThatThrownBy(() -> vault.withCredentials(otherTenant, TENANT_B, Credentials::getAddress))
                .isInstanceOf(VaultSealed.class);
    }

    @Test
    void recordRelabelledToAnotherMasterKeyFailsClosed() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        masterKeys.addRandom("master-2");
        SealedKey relabelled = new SealedKey(
                sealed.walletId(),
                TENANT_A,
                sealed.address(),
                sealed.algorithm(),
                "master-2",
                sealed.dataKeyNonce(),
                sealed.wrappedDataKey(),
                sealed.privateKeyNonce(),
                sealed.encryptedPrivateKey());

        assertThatThrownBy(() -> vault.withCredentials(relabelled, TENANT_A, Credentials::getAddress))
                .isInstanceOf(VaultSealed.class);
    }

    @Test
    void anotherTenantIsRefusedBeforeAnythingIsDecrypted() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        int lookupsBefore = masterKeys.lookups();
        AtomicBoolean used = new AtomicBoolean();

        assertThatThrownBy(() -> vault.withCredentials(sealed, TENANT_B, c -> used.getAndSet(true)))
                .isInstanceOf(ForeignWallet.class)
                .hasMessage("Wallet " + sealed.walletId() + " does not belong to tenant " + TENANT_B);
        assertThat(used).isFalse();
        assertThat(masterKeys.lookups()).isEqualTo(lookupsBefore);
    }

    @Test
    void rotationKeepsTheAddressAndLetsTheOldMasterKeyBeRetired() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        masterKeys.addRandom("master-2").makeCurrent("master-2");

        SealedKey rewrapped = vault.rewrap(sealed);
        masterKeys.retire("master-1");

        assertThat(rewrapped.masterKeyId()).isEqualTo("master-2");
        assertThat(rewrapped.address()).isEqualTo(sealed.address());
        assertThat(rewrapped.encryptedPrivateKey()).isEqualTo(sealed.encryptedPrivateKey());
        assertThat(rewrapped.wrappedDataKey()).isNotEqualTo(sealed.wrappedDataKey());
        assertThat(rewrapped.dataKeyNonce()).isNotEqualTo(sealed.dataKeyNonce());
        assertThat(recoveredSigner(rewrapped, "after rotation")).isEqualTo(sealed.address());
        assertThatThrownBy(() -> vault.withCredentials(sealed, TENANT_A, Credentials::getAddress))
                .isInstanceOf(KeyUnavailable.class)
                .hasMessage("Master key master-1 is not held");
    }

    @Test
    void rewrapUnderTheCurrentMasterKeyChangesNothing() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        assertThat(vault.rewrap(sealed)).isSameAs(sealed);
    }

    @Test
    void messagesAndToStringCarryNoSecret() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        String privateHex = HexFormat.of().formatHex(privateKeyOf(sealed));
        String masterHex = HexFormat.of().formatHex(masterKeys.rawKey("master-1"));
        byte[] flipped = sealed.encryptedPrivateKey();
        flipped[0] ^= 1;
        KeyVault impostor = new KeyVault(InMemoryMasterKeyProvider.withRandomKey("master-1"));
        List<Runnable> failures = List.of(
                () -> impostor.withCredentials(sealed, TENANT_A, Credentials::getAddress),
                () -> vault.withCredentials(replace(sealed, 3, flipped), TENANT_A, Credentials::getAddress),
                () -> vault.withCredentials(sealed, TENANT_B, Credentials::getAddress),
                () -> vault.withCredentials(sealed, TENANT_A, c -> c),
                () -> vault.withCredentials(sealed, TENANT_A, Credentials::getEcKeyPair),
                () -> new KeyVault(new InMemoryMasterKeyProvider().makeCurrent("gone"))
                        .create(UUID.randomUUID(), TENANT_A));

        for (Runnable failure : failures) {
            Throwable thrown = catchFailure(failure);
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                assertNoSecret(t.toString(), privateHex);
                assertNoSecret(t.toString(), masterHex);
            }
        }
        assertNoSecret(sealed.toString(), privateHex);
        assertNoSecret(sealed.toString(), masterHex);
    }

    @Test
    void credentialsCannotBeSmuggledOutOfTheCallback() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        assertThatThrownBy(() -> vault.withCredentials(sealed, TENANT_A, c -> c))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not leave the vault");
        assertThatThrownBy(() -> vault.withCredentials(sealed, TENANT_A, Credentials::getEcKeyPair))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownAlgorithmFailsClosed() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        SealedKey future = new SealedKey(
                sealed.walletId(),
                TENANT_A,
                sealed.address(),
                "secp256k1/XChaCha/v9",
                sealed.masterKeyId(),
                sealed.dataKeyNonce(),
                sealed.wrappedDataKey(),
                sealed.privateKeyNonce(),
                sealed.encryptedPrivateKey());

        assertThatThrownBy(() -> vault.withCredentials(future, TENANT_A, Credentials::getAddress))
                .isInstanceOf(VaultSealed.class)
                .hasMessageContaining("unsupported algorithm");
    }

    @Test
    void masterKeyThatIsNotAes256IsRefused() {
        InMemoryMasterKeyProvider weak =
                new InMemoryMasterKeyProvider().add("short", new byte[16]).makeCurrent("short");

        assertThatThrownBy(() -> new KeyVault(weak).create(UUID.randomUUID(), TENANT_A))
                .isInstanceOf(KeyUnavailable.class)
                .hasMessage("Master key short is not a 256-bit key");
    }

    @Test
    void signedMessageRecoversToTheWalletAddress() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        assertThat(recoveredSigner(sealed, "payout batch 42")).isEqualTo(sealed.address());
    }

    @Test
    void signedEip1559TransactionIsFromTheWalletAddress() throws Exception {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);
        long chainId = 31337;
        RawTransaction transaction = RawTransaction.createEtherTransaction(
                chainId,
                BigInteger.ZERO,
                BigInteger.valueOf(21_000),
                "0x000000000000000000000000000000000000dEaD",
                BigInteger.ONE,
                BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(2_000_000_000L));

        byte[] signed = vault.withCredentials(sealed, TENANT_A, c -> TransactionEncoder.signMessage(transaction, c));

        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(signed));
        assertThat(Keys.toChecksumAddress(decoded.getFrom())).isEqualTo(sealed.address());
        assertThat(decoded.getType()).isEqualTo(TransactionType.EIP1559);
    }

    private String recoveredSigner(SealedKey sealed, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Sign.SignatureData signature =
                vault.withCredentials(sealed, TENANT_A, c -> Sign.signPrefixedMessage(bytes, c.getEcKeyPair()));
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(bytes, signature);
            return Keys.toChecksumAddress(Keys.getAddress(publicKey));
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }

    // Test-only peek: production code has no way to get these bytes out, which is the point of the callback.
    private byte[] privateKeyOf(SealedKey sealed) {
        return vault.withCredentials(
                sealed,
                sealed.tenantId(),
                c -> Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32));
    }

    private static Throwable catchFailure(Runnable failure) {
        try {
            failure.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static void assertNoSecret(String text, String hex) {
        assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(hex.toLowerCase(Locale.ROOT));
    }

    private static byte[] field(SealedKey sealed, int field) {
        return switch (field) {
            case 0 -> sealed.dataKeyNonce();
            case 1 -> sealed.wrappedDataKey();
            case 2 -> sealed.privateKeyNonce();
            default -> sealed.encryptedPrivateKey();
        };
    }

    private static SealedKey replace(SealedKey s, int field, byte[] bytes) {
        return new SealedKey(
                s.walletId(),
                s.tenantId(),
                s.address(),
                s.algorithm(),
                s.masterKeyId(),
                field == 0 ? bytes : s.dataKeyNonce(),
                field == 1 ? bytes : s.wrappedDataKey(),
                field == 2 ? bytes : s.privateKeyNonce(),
                field == 3 ? bytes : s.encryptedPrivateKey());
    }

    private static SealedKey copy(SealedKey s, UUID walletId, UUID tenantId, String address) {
        return new SealedKey(
                walletId,
                tenantId,
                address,
                s.algorithm(),
                s.masterKeyId(),
                s.dataKeyNonce(),
                s.wrappedDataKey(),
                s.privateKeyNonce(),
                s.encryptedPrivateKey());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
