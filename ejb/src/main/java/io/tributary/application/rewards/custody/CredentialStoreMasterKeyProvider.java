package io.tributary.application.rewards.custody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.SecretKeyCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * Master keys read from a WildFly Elytron credential store file, each key id being the alias of a secret-key entry.
 *
 * <p>The store is the same file the {@code /subsystem=elytron/credential-store=...} resource or {@code elytron-tool}
 * manages; it is opened read-only, so the application can never add, replace or delete a master key.
 */
public final class CredentialStoreMasterKeyProvider implements MasterKeyProvider {

    /** Elytron's default for stores created by the CLI and {@code elytron-tool}. */
    public static final String DEFAULT_KEY_STORE_TYPE = "JCEKS";

    // Named, not imported: WildFly's public org.wildfly.security.elytron module does not export the impl package.
    private static final String STORE_TYPE = "KeyStoreCredentialStore";

    private final CredentialStore store;
    private final String currentKeyId;

    private CredentialStoreMasterKeyProvider(CredentialStore store, String currentKeyId) {
        this.store = store;
        this.currentKeyId = currentKeyId;
    }

    /**
     * Opens the store at {@code location}; the password array is not retained and may be cleared by the caller.
     *
     * @param keyStoreType the store's {@code keyStoreType} implementation property ({@code JCEKS} or {@code PKCS12})
     * @throws KeyUnavailable if the store is missing, unreadable, the password is wrong or the current key is absent
     */
    public static CredentialStoreMasterKeyProvider open(
            Path location, char[] storePassword, String keyStoreType, String currentKeyId) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(storePassword, "storePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        if (!Files.isRegularFile(location)) {
            throw new KeyUnavailable("Credential store " + location + " does not exist");
        }
        try {
            CredentialStore store =
                    CredentialStore.getInstance(STORE_TYPE, WildFlyElytronCredentialStoreProvider.getInstance());
            store.initialize(
                    Map.of(
                            "location",
                            location.toString(),
                            "keyStoreType",
                            keyStoreType,
                            "create",
                            "false",
                            "modifiable",
                            "false"),
                    new CredentialStore.CredentialSourceProtectionParameter(
                            IdentityCredentials.NONE.withCredential(new PasswordCredential(
                                    ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, storePassword)))));
            CredentialStoreMasterKeyProvider provider = new CredentialStoreMasterKeyProvider(store, currentKeyId);
            // Fail at startup rather than at the first wallet creation.
            provider.key(currentKeyId);
            return provider;
        } catch (GeneralSecurityException e) {
            // Elytron's message may quote the location but never the password; the cause is kept for the operator.
            throw new KeyUnavailable("Credential store " + location + " cannot be opened", e);
        }
    }

    @Override
    public String currentKeyId() {
        return currentKeyId;
    }

    @Override
    public SecretKey key(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        SecretKeyCredential credential;
        try {
            credential = store.retrieve(keyId, SecretKeyCredential.class);
        } catch (CredentialStoreException e) {
            throw new KeyUnavailable("Master key " + keyId + " cannot be read from the credential store", e);
        }
        if (credential == null) {
            throw new KeyUnavailable("Master key " + keyId + " is not in the credential store");
        }
        return credential.getSecretKey();
    }
}
