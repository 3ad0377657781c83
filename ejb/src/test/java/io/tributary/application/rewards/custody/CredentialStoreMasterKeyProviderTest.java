package io.tributary.application.rewards.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.SecretKeyCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.credential.store.impl.KeyStoreCredentialStore;
import org.wildfly.security.password.interfaces.ClearPassword;

class CredentialStoreMasterKeyProviderTest {

    private static final char[] PASSWORD = "store-secret".toCharArray();
    private static final UUID TENANT = UUID.randomUUID();

    @TempDir
    Path dir;

    private Path store;
    private byte[] firstKey;

    @BeforeEach
    void createStore() throws Exception {
        // What `/subsystem=elytron/credential-store=tributary:generate-secret-key(alias=master-1)` would leave behind.
        store = dir.resolve("tributary.cs");
        firstKey = randomKey();
        try (Writable writable = new Writable(store)) {
            writable.put("master-1", firstKey);
        }
    }

    @Test
    void readsTheCurrentKeyAndSealsWithIt() {
        MasterKeyProvider provider = open("master-1");
        KeyVault vault = new KeyVault(provider);

        SealedKey sealed = vault.create(UUID.randomUUID(), TENANT);

        assertThat(provider.key("master-1").getEncoded()).isEqualTo(firstKey);
        assertThat(sealed.masterKeyId()).isEqualTo("master-1");
        assertThat(vault.<String>withCredentials(
                        sealed, TENANT, key -> key.address().hex()))
                .isEqualToIgnoringCase(sealed.address());
    }

    @Test
    void readsPkcs12Stores() throws Exception {
        Path pkcs12 = dir.resolve("tributary.p12.cs");
        byte[] key = randomKey();
        try (Writable writable = new Writable(pkcs12, "PKCS12")) {
            writable.put("master-p12", key);
        }

        MasterKeyProvider provider = CredentialStoreMasterKeyProvider.open(pkcs12, PASSWORD, "PKCS12", "master-p12");

        assertThat(provider.key("master-p12").getEncoded()).isEqualTo(key);
    }

    @Test
    void masterKeyIsNotInTheStoreFileInTheClear() throws Exception {
        byte[] file = Files.readAllBytes(store);

        assertThat(HexFormat.of().formatHex(file)).doesNotContain(HexFormat.of().formatHex(firstKey));
    }

    @Test
    void wrongStorePasswordFailsClosed() {
        KeyUnavailable failure = catchThrowableOfType(
                KeyUnavailable.class,
                () -> CredentialStoreMasterKeyProvider.open(
                        store,
                        "guess".toCharArray(),
                        CredentialStoreMasterKeyProvider.DEFAULT_KEY_STORE_TYPE,
                        "master-1"));

        assertThat(failure).hasMessage("Credential store " + store + " cannot be opened");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain("guess", new String(PASSWORD));
        }
    }

    @Test
    void missingStoreOrAliasIsUnavailable() {
        assertThatThrownBy(() ->
                        CredentialStoreMasterKeyProvider.open(dir.resolve("absent.cs"), PASSWORD, "JCEKS", "master-1"))
                .isInstanceOf(KeyUnavailable.class);
        assertThatThrownBy(() -> open("master-9"))
                .isInstanceOf(KeyUnavailable.class)
                .hasMessage("Master key master-9 is not in the credential store");
    }

    @Test
    void rotationThroughTheStoreRetiresTheOldKey() throws Exception {
        KeyVault before = new KeyVault(open("master-1"));
        SealedKey sealed = before.create(UUID.randomUUID(), TENANT);
        try (Writable writable = new Writable(store)) {
            writable.put("master-2", randomKey());
        }

        SealedKey rewrapped = new KeyVault(open("master-2")).rewrap(sealed);
        try (Writable writable = new Writable(store)) {
            writable.remove("master-1");
        }
        KeyVault after = new KeyVault(open("master-2"));

        assertThat(rewrapped.masterKeyId()).isEqualTo("master-2");
        assertThat(after.<String>withCredentials(
                        rewrapped, TENANT, key -> key.address().hex()))
                .isEqualToIgnoringCase(sealed.address());
        assertThatThrownBy(() -> after.withCredentials(
                        sealed, TENANT, key -> key.address().hex()))
                .isInstanceOf(KeyUnavailable.class);
    }

    private CredentialStoreMasterKeyProvider open(String currentKeyId) {
        return CredentialStoreMasterKeyProvider.open(
                store, PASSWORD.clone(), CredentialStoreMasterKeyProvider.DEFAULT_KEY_STORE_TYPE, currentKeyId);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The operator's side of the store, which the application itself never opens for writing. */
    private static final class Writable implements AutoCloseable {

        private final CredentialStore store;

        Writable(Path location) throws Exception {
            this(location, CredentialStoreMasterKeyProvider.DEFAULT_KEY_STORE_TYPE);
        }

        Writable(Path location, String keyStoreType) throws Exception {
            store = CredentialStore.getInstance(
                    KeyStoreCredentialStore.KEY_STORE_CREDENTIAL_STORE,
                    WildFlyElytronCredentialStoreProvider.getInstance());
            store.initialize(
                    Map.of(
                            "location",
                            location.toString(),
                            "keyStoreType",
                            keyStoreType,
                            "create",
                            "true",
                            "modifiable",
                            "true"),
                    new CredentialStore.CredentialSourceProtectionParameter(IdentityCredentials.NONE.withCredential(
                            new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, PASSWORD)))));
        }

        void put(String alias, byte[] key) throws Exception {
            store.store(alias, new SecretKeyCredential(new SecretKeySpec(key, "AES")));
        }

        void remove(String alias) throws Exception {
            store.remove(alias, SecretKeyCredential.class);
        }

        @Override
        public void close() throws Exception {
            store.flush();
        }
    }
}
