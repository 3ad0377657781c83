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
    /** TRIBUTARY_KEYCLOAK_ADMIN_SECRET: that client's secret; required outside the dev profile. */
    KEYCLOAK_ADMIN_SECRET("tributary.keycloak.admin-secret", "tributary-admin-dev-secret", true),
    /** TRIBUTARY_OIDC_SECRET: the secret of the web client tributary-web (WEB-INF/oidc.json); required outside dev. */
    OIDC_SECRET("tributary.oidc.secret", "tributary-web-dev-secret", true),
    /** TRIBUTARY_DB_PASSWORD: the application role's database password (configure.cli); required outside dev. */
    DB_PASSWORD("tributary.db.password", "tributary-app", true),
    /**
     * TRIBUTARY_PROFILE: "dev" for the dev and test stacks only, where the secrets above may fall back to the published
     * dev values; anything else (the default) refuses to start while one of them is missing.
     */
    PROFILE("tributary.profile", "production"),
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
    /**
     * TRIBUTARY_FACTORY_CACHE_DIR: where the demo keeps the run it trained, keyed by its inputs, so later starts reuse
     * it (empty: the server's data directory).
     */
    FACTORY_CACHE_DIR("tributary.factory.cache-dir", ""),
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
    /**
     * TRIBUTARY_CHAIN_FEE_BUMP_AFTER_SECONDS: how long a payout transaction may wait in the mempool before it is
     * signed again with the same nonce and fees at least 12.5% higher (0 turns fee bumping off).
     */
    CHAIN_FEE_BUMP_AFTER("tributary.chain.fee-bump-after-seconds", "120"),
    /** TRIBUTARY_CHAIN_OPERATOR_KEY: the platform's own key (anchors release roots; funds demo wallets). */
    CHAIN_OPERATOR_KEY("tributary.chain.operator-key", ""),
    /**
     * TRIBUTARY_SETTLEMENT_EVERY_MINUTES: how often cross-organization value is settled on chain between custodial
     * wallets (0: only when platform staff settle from Admin → Wallets or the API).
     */
    SETTLEMENT_EVERY_MINUTES("tributary.settlement.every-minutes", "60"),
    /** TRIBUTARY_CUSTODY_STORE_PATH: the Elytron credential store holding the custody master keys. */
    CUSTODY_STORE_PATH("tributary.custody.store.path", ""),
    /** TRIBUTARY_CUSTODY_STORE_TYPE: that store's keystore type, JCEKS or PKCS12. */
    CUSTODY_STORE_TYPE("tributary.custody.store.type", "JCEKS"),
    /** TRIBUTARY_CUSTODY_STORE_PASSWORD: the store's password; never in the repository. */
    CUSTODY_STORE_PASSWORD("tributary.custody.store.password", ""),
    /** TRIBUTARY_CUSTODY_MASTER_KEY_ID: alias of the master key new and rewrapped wallet keys are sealed under. */
    CUSTODY_MASTER_KEY_ID("tributary.custody.master-key-id", "master-1"),
    /**
     * TRIBUTARY_HTTP_SECURE: browsers reach Tributary over https, so session cookies are Secure and HSTS is sent;
     * "false" only for the plain-http dev and test stacks.
     */
    HTTP_SECURE("tributary.http.secure", "true"),
    /** TRIBUTARY_HSTS_MAX_AGE: seconds browsers keep to https after a visit (Strict-Transport-Security); 0 sends none. */
    HSTS_MAX_AGE("tributary.hsts.max-age", "31536000"),
    /** TRIBUTARY_FAULT_PAUSE_AT: fault tests only; the payout step at which the sender stops dead (see CrashPoint). */
    FAULT_PAUSE_AT("tributary.fault.pause-at", ""),
    /**
     * TRIBUTARY_FAULT_EVENT_DELAY_SECONDS: fault tests only; events are delivered no sooner than this long after they
     * occurred, so a test can kill the server between a publication and its delivery (0: deliver at once).
     */
    FAULT_EVENT_DELAY("tributary.fault.event-delay-seconds", "0"),
    /** TRIBUTARY_RATE_LIMIT_WRITES: writes (POST, PUT, PATCH, DELETE under /api) one API key or member may make per window. */
    RATE_LIMIT_WRITES("tributary.rate-limit.writes", "300"),
    /** TRIBUTARY_RATE_LIMIT_WINDOW_SECONDS: the length of that window. */
    RATE_LIMIT_WINDOW_SECONDS("tributary.rate-limit.window-seconds", "60"),
    /** TRIBUTARY_SERVING_MAX_ADAPTERS: adapters resident at once per base model on one node. */
    SERVING_MAX_ADAPTERS("tributary.serving.max-adapters", "64"),
    /** TRIBUTARY_SERVING_ADAPTER_BUDGET_MIB: memory the resident adapters of one base may occupy, in MiB. */
    SERVING_ADAPTER_BUDGET_MIB("tributary.serving.adapter-budget-mib", "256"),
    /** TRIBUTARY_SERVING_MAX_RANK: the highest LoRA rank served. */
    SERVING_MAX_RANK("tributary.serving.max-rank", "64"),
    /** TRIBUTARY_SERVING_MAX_BATCH: sequences decoded together per base model. */
    SERVING_MAX_BATCH("tributary.serving.max-batch", "16"),
    /** TRIBUTARY_SERVING_CAPACITY: sequences waiting or running on one node before requests get 503. */
    SERVING_CAPACITY("tributary.serving.capacity", "256"),
    /** TRIBUTARY_SERVING_TIMEOUT_SECONDS: how long a request may generate before it is cancelled. */
    SERVING_TIMEOUT_SECONDS("tributary.serving.timeout-seconds", "120");

    private final String property;
    private final String fallback;
    private final boolean secret;

    Settings(String property, String fallback) {
        this(property, fallback, false);
    }

    /** A secret's fallback is a published dev value, used only in the dev profile. */
    Settings(String property, String devFallback, boolean secret) {
        this.property = property;
        this.fallback = devFallback;
        this.secret = secret;
    }

    /** The system property that sets it. */
    public String property() {
        return property;
    }

    public String value() {
        return configured().orElseGet(() -> {
            if (secret && !isDevProfile()) {
                throw new IllegalStateException(missing());
            }
            return fallback;
        });
    }

    /** The value set through the system property or the environment, if any. */
    private Optional<String> configured() {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(environmentVariable())))
                .filter(v -> !v.isBlank());
    }

    public boolean isSecret() {
        return secret;
    }

    /** Whether the server runs as the dev or test stack, the only place built-in dev secrets are accepted. */
    public static boolean isDevProfile() {
        return "dev".equals(PROFILE.value());
    }

    /** What the log says when a secret is missing: which setting, and how to set it. */
    public String missing() {
        return "Setting " + environmentVariable() + " (system property " + property + ") is missing: outside the dev"
                + " profile Tributary has no built-in secrets and does not start without it.";
    }

    /** The secrets that are missing (always none in the dev profile). */
    public static java.util.List<Settings> missingSecrets() {
        return isDevProfile()
                ? java.util.List.of()
                : java.util.Arrays.stream(values())
                        .filter(s -> s.secret && s.configured().isEmpty())
                        .toList();
    }

    public boolean enabled() {
        return Boolean.parseBoolean(value());
    }

    public String environmentVariable() {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
