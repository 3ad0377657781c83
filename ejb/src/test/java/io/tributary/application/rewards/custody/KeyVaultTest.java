package io.tributary.application.rewards.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.chain.ContractCall;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.GasFees;
import io.tributary.chain.SignedTransaction;
import io.tributary.chain.SigningKey;
import io.tributary.chain.TransactionSigner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyVaultTest {

    private static final UUID TENANT_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID TENANT_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private InMemoryMasterKeyProvider masterKeys;
    private RecordingRandom random;
    private KeyVault vault;

    @BeforeEach
    void setUp() {
        masterKeys = InMemoryMasterKeyProvider.withRandomKey("master-1");
        random = new RecordingRandom();
        vault = new KeyVault(masterKeys, random);
    }

    /** Remembers the 32-byte draws (private keys and data keys), so a test can know a key the vault never hands out. */
    private static final class RecordingRandom extends SecureRandom {
        final List<byte[]> draws = new ArrayList<>();

        @Override
        public void nextBytes(byte[] bytes) {
            super.nextBytes(bytes);
            if (bytes.length == 32) {
                draws.add(bytes.clone());
            }
        }
    }

    @Test
    void createdKeyOpensToCredentialsOfItsAddress() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        EvmAddress inside = vault.withCredentials(sealed, TENANT_A, SigningKey::address);

        assertThat(sealed.address()).matches("0x[0-9a-fA-F]{40}").isEqualTo(inside.checksummed());
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
                assertThatThrownBy(() -> vault.withCredentials(tampered, TENANT_A, SigningKey::address))
                        .isInstanceOf(VaultSealed.class);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(12 + 48 + 12 + 48);
        SealedKey truncated = replace(sealed, 3, java.util.Arrays.copyOf(sealed.encryptedPrivateKey(), 47));
        assertThatThrownBy(() -> vault.withCredentials(truncated, TENANT_A, SigningKey::address))
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
            assertThatThrownBy(() -> vault.withCredentials(moved, TENANT_A, SigningKey::address))
                    .isInstanceOf(VaultSealed.class);
        }
        assertThatThrownBy(() -> vault.withCredentials(otherTenant, TENANT_B, SigningKey::address))
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

        assertThatThrownBy(() -> vault.withCredentials(relabelled, TENANT_A, SigningKey::address))
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
        assertThat(signerOf(rewrapped)).isEqualTo(sealed.address());
        assertThatThrownBy(() -> vault.withCredentials(sealed, TENANT_A, SigningKey::address))
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
                () -> impostor.withCredentials(sealed, TENANT_A, SigningKey::address),
                () -> vault.withCredentials(replace(sealed, 3, flipped), TENANT_A, SigningKey::address),
                () -> vault.withCredentials(sealed, TENANT_B, SigningKey::address),
                () -> vault.withCredentials(sealed, TENANT_A, c -> c),
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

        assertThatThrownBy(() -> vault.withCredentials(future, TENANT_A, SigningKey::address))
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
    void keyInTheCallbackControlsTheWalletAddress() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        assertThat(vault.<String>withCredentials(
                        sealed, TENANT_A, key -> key.address().checksummed()))
                .isEqualTo(sealed.address());
    }

    @Test
    void signedEip1559TransactionIsFromTheWalletAddress() {
        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT_A);

        // SignedTransaction.fromRaw refuses anything but a signed EIP-1559 transaction, and recovers its sender.
        assertThat(signerOf(sealed)).isEqualTo(sealed.address());
    }

    /** Signs an ether transfer inside the callback and recovers the sender from the signature alone. */
    private String signerOf(SealedKey sealed) {
        ContractCall transfer = new ContractCall(
                EvmAddress.of("0x000000000000000000000000000000000000dEaD"),
                "0x",
                BigInteger.ONE,
                BigInteger.valueOf(21_000));
        GasFees fees = new GasFees(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(1_000_000_000L));
        byte[] signed = vault.withCredentials(
                sealed,
                sealed.tenantId(),
                key -> new TransactionSigner(31337).sign(key, transfer, 0, fees).raw());
        return SignedTransaction.fromRaw(signed).from().checksummed();
    }

    // Test-only peek: production code has no way to get these bytes out, which is the point of the callback. The
    // recording random source saw the key drawn; the one that controls the wallet's address is it.
    private byte[] privateKeyOf(SealedKey sealed) {
        return random.draws.stream()
                .filter(SigningKey::isValidPrivateKey)
                .filter(bytes -> SigningKey.of(bytes).address().checksummed().equals(sealed.address()))
                .findFirst()
                .orElseThrow();
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
