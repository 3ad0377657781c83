package io.tributary.application.rewards.custody;

import io.tributary.application.Settings;
import io.tributary.chain.SigningKey;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;

/**
 * The signing service's entrance in the server: the key vault under the master key from the configured Elytron
 * credential store, and the only place a wallet row's sealed key is opened.
 */
@ApplicationScoped
public class Custody {

    private volatile KeyVault vault;

    private KeyVault vault() {
        KeyVault current = vault;
        if (current != null) return current;
        synchronized (this) {
            if (vault == null) {
                String password = Settings.CUSTODY_STORE_PASSWORD.value();
                if (password.isBlank()) {
                    throw new KeyUnavailable("No custody credential store is configured (set "
                            + Settings.CUSTODY_STORE_PASSWORD.environmentVariable() + ")");
                }
                String location = Settings.CUSTODY_STORE_PATH.value();
                Path store = location.isBlank()
                        ? Path.of(System.getProperty("jboss.server.data.dir", "."), "custody", "tributary-custody.cs")
                        : Path.of(location);
                vault = new KeyVault(CredentialStoreMasterKeyProvider.open(
                        store,
                        password.toCharArray(),
                        Settings.CUSTODY_STORE_TYPE.value(),
                        Settings.CUSTODY_MASTER_KEY_ID.value()));
            }
            return vault;
        }
    }

    /** Generates a new wallet key for the tenant and returns it sealed. */
    public SealedKey create(UUID walletId, UUID tenantId) {
        return vault().create(walletId, tenantId);
    }

    /** Opens the wallet's key for one callback, refusing any wallet not of {@code tenantId}. */
    public <T> T withCredentials(CustodialWallet wallet, UUID tenantId, Function<SigningKey, T> use) {
        return vault().withCredentials(sealed(wallet), tenantId, use);
    }

    /** Moves the wallet's data key under the current master key (after a master-key rotation). */
    public void rewrap(CustodialWallet wallet) {
        SealedKey rewrapped = vault().rewrap(sealed(wallet));
        wallet.rewrapped(rewrapped.masterKeyId(), rewrapped.dataKeyNonce(), rewrapped.wrappedDataKey());
    }

    private static SealedKey sealed(CustodialWallet wallet) {
        return new SealedKey(
                wallet.getId(),
                wallet.getTenantId(),
                wallet.getAddress(),
                wallet.getAlgorithm(),
                wallet.getMasterKeyId(),
                wallet.getDataKeyNonce(),
                wallet.getWrappedDataKey(),
                wallet.getPrivateKeyNonce(),
                wallet.getEncryptedPrivateKey());
    }
}
