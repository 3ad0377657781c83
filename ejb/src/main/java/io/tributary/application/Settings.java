package io.tributary.application;

import java.util.Optional;

/**
 * Every setting of the application, in one place. Each is read from a system property, else from the environment
 * variable named in its description, else the default shown here (the local run's).
 */
public enum Settings {
    /** TRIBUTARY_KEYCLOAK_URL: Keycloak's base URL as the server reaches it. */
    KEYCLOAK_URL("tributary.keycloak.url", "http://localhost:8180"),
    /** TRIBUTARY_KEYCLOAK_PUBLIC_URL: Keycloak's base URL as browsers reach it (tokens name this issuer). */
    KEYCLOAK_PUBLIC_URL("tributary.keycloak.public-url", "http://localhost:8180"),
    /** TRIBUTARY_KEYCLOAK_REALM: the realm whose organizations are Tributary's tenants. */
    KEYCLOAK_REALM("tributary.keycloak.realm", "tributary"),
    /** TRIBUTARY_KEYCLOAK_ADMIN_CLIENT: a confidential client with a service account allowed to manage the realm. */
    KEYCLOAK_ADMIN_CLIENT("tributary.keycloak.admin-client", "tributary-admin"),
    /** TRIBUTARY_KEYCLOAK_ADMIN_SECRET: that client's secret. */
    KEYCLOAK_ADMIN_SECRET("tributary.keycloak.admin-secret", "tributary-admin-dev-secret"),
    /** TRIBUTARY_KEYCLOAK_TOKEN_CLIENTS: comma-separated clients whose access tokens the API accepts (azp). */
    KEYCLOAK_TOKEN_CLIENTS("tributary.keycloak.token-clients", "tributary-web"),
    /** TRIBUTARY_PUBLIC_URL: Tributary's base URL as people reach it (links in e-mails). */
    PUBLIC_URL("tributary.public-url", "http://localhost:8080"),
    /** TRIBUTARY_MAIL_FROM: the sender of Tributary's e-mails (the SMTP server is WildFly's mail session). */
    MAIL_FROM("tributary.mail.from", "Tributary <no-reply@tributary.test>"),
    /** TRIBUTARY_DNS_SERVER: host:port of the DNS server domain proofs are read from (empty: the system resolver). */
    DNS_SERVER("tributary.dns.server", ""),
    /**
     * TRIBUTARY_SSO_ALLOWED_ORIGINS: comma-separated exact origins (scheme://host:port) of identity providers that may
     * be reached over http or on private addresses, such as a loopback Keycloak in the dev stack (empty: none).
     */
    SSO_ALLOWED_ORIGINS("tributary.sso.allowed-origins", ""),
    /** TRIBUTARY_STORAGE_DIR: where uploaded originals are kept (empty: the server's data directory). */
    STORAGE_DIR("tributary.storage.dir", ""),
    /** TRIBUTARY_DEMO: seed the demo tenants' Tributary data at start ("true" locally, "false" in production). */
    DEMO("tributary.demo", "false"),
    /** TRIBUTARY_CHAIN_RPC_URL: JSON-RPC endpoint of the settlement chain (empty: no chain, wallets unavailable). */
    CHAIN_RPC_URL("tributary.chain.rpc-url", ""),
    /** TRIBUTARY_CHAIN_ID: the chain id transactions are signed for (EIP-155). */
    CHAIN_ID("tributary.chain.id", "31337"),
    /** TRIBUTARY_CHAIN_CONFIRMATIONS: blocks (including its own) before a transaction or deposit counts. */
    CHAIN_CONFIRMATIONS("tributary.chain.confirmations", "2"),
    /** TRIBUTARY_CHAIN_TOKEN: address of the RewardToken (TRIB) contract. */
    CHAIN_TOKEN("tributary.chain.token", ""),
    /** TRIBUTARY_CHAIN_BATCHER: address of the PayoutBatcher contract. */
    CHAIN_BATCHER("tributary.chain.batcher", ""),
    /** TRIBUTARY_CHAIN_REGISTRY: address of the ProvenanceRegistry contract. */
    CHAIN_REGISTRY("tributary.chain.registry", ""),
    /** TRIBUTARY_CHAIN_START_BLOCK: the block the contracts were deployed in; events are read from here on. */
    CHAIN_START_BLOCK("tributary.chain.start-block", "0"),
    /** TRIBUTARY_CHAIN_EXPLORER_URL: block explorer base URL; transaction links are {url}/tx/{hash}. */
    CHAIN_EXPLORER_URL("tributary.chain.explorer-url", ""),
    /** TRIBUTARY_CHAIN_OPERATOR_KEY: the platform's own key (anchors release roots; funds demo wallets). */
    CHAIN_OPERATOR_KEY("tributary.chain.operator-key", ""),
    /** TRIBUTARY_CUSTODY_STORE_PATH: the Elytron credential store holding the custody master keys. */
    CUSTODY_STORE_PATH("tributary.custody.store.path", ""),
    /** TRIBUTARY_CUSTODY_STORE_TYPE: that store's keystore type, JCEKS or PKCS12. */
    CUSTODY_STORE_TYPE("tributary.custody.store.type", "JCEKS"),
    /** TRIBUTARY_CUSTODY_STORE_PASSWORD: the store's password; never in the repository. */
    CUSTODY_STORE_PASSWORD("tributary.custody.store.password", ""),
    /** TRIBUTARY_CUSTODY_MASTER_KEY_ID: alias of the master key new and rewrapped wallet keys are sealed under. */
    CUSTODY_MASTER_KEY_ID("tributary.custody.master-key-id", "master-1"),
    /** TRIBUTARY_FAULT_PAUSE_AT: fault tests only; the payout step at which the sender stops dead (see CrashPoint). */
    FAULT_PAUSE_AT("tributary.fault.pause-at", "");

    private final String property;
    private final String fallback;

    Settings(String property, String fallback) {
        this.property = property;
        this.fallback = fallback;
    }

    /** The system property that sets it. */
    public String property() {
        return property;
    }

    public String value() {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(environmentVariable())))
                .filter(v -> !v.isBlank())
                .orElse(fallback);
    }

    public boolean enabled() {
        return Boolean.parseBoolean(value());
    }

    public String environmentVariable() {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
