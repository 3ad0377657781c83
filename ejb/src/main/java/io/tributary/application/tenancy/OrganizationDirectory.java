package io.tributary.application.tenancy;

import io.tributary.application.Conflict;
import io.tributary.application.InvalidInput;
import io.tributary.application.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Keycloak as the directory of organizations, their users and their enterprise identity providers, reached through
 * keycloak-admin-client with the realm's service-account client. Every answer is checked: a refusal becomes a
 * {@link Conflict} carrying Keycloak's reason, never a silent success.
 */
@ApplicationScoped
public class OrganizationDirectory {

    /** A Keycloak user as Tributary needs to know it. */
    public record Account(String id, String email, boolean emailVerified) {}

    private Keycloak keycloak;

    private synchronized RealmResource realm() {
        if (keycloak == null) {
            // Timeouts, so a hanging Keycloak costs a request a bounded wait instead of a thread for ever.
            // The admin client's own builder (pooled connections, its message readers), plus timeouts.
            Client client = ResteasyClientClassicProvider.createClientBuilder()
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(20, TimeUnit.SECONDS)
                    .register(JacksonProvider.class, 100)
                    .build();
            keycloak = KeycloakBuilder.builder()
                    .serverUrl(Settings.KEYCLOAK_URL.value())
                    .realm(Settings.KEYCLOAK_REALM.value())
                    .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                    .clientId(Settings.KEYCLOAK_ADMIN_CLIENT.value())
                    .clientSecret(Settings.KEYCLOAK_ADMIN_SECRET.value())
                    .resteasyClient(client)
                    .build();
        }
        return keycloak.realm(Settings.KEYCLOAK_REALM.value());
    }

    @PreDestroy
    synchronized void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    public Optional<String> findOrganization(String alias) {
        // Keycloak searches names and domains, not aliases; tenants are few, so list and match.
        return realm().organizations().list(0, 10_000).stream()
                .filter(o -> alias.equals(o.getAlias()))
                .map(OrganizationRepresentation::getId)
                .findFirst();
    }

    /** The domains Keycloak lists for an organization (those the realm was set up with, or verified through Tributary). */
    public List<String> domains(String organizationId) {
        OrganizationRepresentation org =
                realm().organizations().get(organizationId).toRepresentation();
        return org.getDomains() == null
                ? List.of()
                : org.getDomains().stream()
                        .map(OrganizationDomainRepresentation::getName)
                        .toList();
    }

    /** The Keycloak organization (other than {@code exceptOrganizationId}) that lists the domain, if any. */
    public Optional<String> domainHolder(String domain, String exceptOrganizationId) {
        return realm().organizations().search(domain, true, 0, 100).stream()
                .filter(o -> !o.getId().equals(exceptOrganizationId))
                .filter(o -> o.getDomain(domain) != null)
                .map(OrganizationRepresentation::getAlias)
                .findFirst();
    }

    /** Creates the Keycloak organization for a new tenant (no domains: those come only through verified claims). */
    public String createOrganization(String alias, String name) {
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setAlias(alias);
        org.setName(name);
        org.setEnabled(true);
        try (Response response = realm().organizations().create(org)) {
            if (response.getStatus() == 409) {
                throw new Conflict("Keycloak already has an organization named '" + name + "' or '" + alias + "'.");
            }
            expect(response, "create the organization");
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public void deleteOrganization(String organizationId) {
        try (Response response = realm().organizations().get(organizationId).delete()) {
            expect(response, "delete the organization");
        }
    }

    /** The Keycloak user with this e-mail, if there is one. */
    public Optional<Account> account(String email) {
        return realm().users().searchByEmail(email, true).stream()
                .findFirst()
                .map(u -> new Account(u.getId(), u.getEmail(), Boolean.TRUE.equals(u.isEmailVerified())));
    }

    /**
     * Creates the account of a person who accepted an invitation, with the password they chose. The address counts as
     * verified: the invitation link reached it.
     */
    public String createAccount(String email, String displayName, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        String[] names =
                displayName == null ? new String[0] : displayName.strip().split("\\s+", 2);
        user.setFirstName(names.length > 0 && !names[0].isEmpty() ? names[0] : email);
        user.setLastName(names.length > 1 ? names[1] : "-");
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = realm().users().create(user)) {
            if (response.getStatus() == 400) {
                throw new InvalidInput("password", "Keycloak refused the password: " + reason(response));
            }
            expect(response, "create the account");
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Undoes {@link #createAccount} when what followed failed. */
    public void deleteAccount(String userId) {
        try (Response response = realm().users().delete(userId)) {
            if (response.getStatus() != 404) {
                expect(response, "delete the account");
            }
        }
    }

    /** Adds an existing user to the organization; joining twice is fine. */
    public void addMember(String organizationId, String userId) {
        try (Response response =
                realm().organizations().get(organizationId).members().addMember(userId)) {
            if (response.getStatus() != 409) {
                expect(response, "add the account to the organization");
            }
        }
    }

    /** Takes a user out of the organization (the account stays: it may belong to other organizations). */
    public void removeMember(String organizationId, String userId) {
        try (Response response = realm().organizations()
                .get(organizationId)
                .members()
                .member(userId)
                .delete()) {
            if (response.getStatus() != 404) {
                expect(response, "remove the account from the organization");
            }
        }
    }

    /**
     * Registers a company's OpenID Connect provider, found through its discovery document, as a Keycloak identity
     * provider, disabled and unlinked: it redirects nobody and its e-mails are trusted by nobody until the domain is
     * verified ({@link #activateIdentityProvider}). Keeps the client secret in Keycloak only.
     */
    public void registerIdentityProvider(
            String idpAlias, String displayName, String issuerUrl, String clientId, String clientSecret) {
        JsonObject discovery = discover(issuerUrl);
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(idpAlias);
        idp.setDisplayName(displayName);
        idp.setProviderId("oidc");
        idp.setEnabled(false);
        idp.setTrustEmail(false);
        idp.setHideOnLogin(true);
        Map<String, String> config = new HashMap<>();
        config.put("issuer", discovery.getString("issuer"));
        config.put("authorizationUrl", discovery.getString("authorization_endpoint"));
        config.put("tokenUrl", discovery.getString("token_endpoint"));
        config.put("userInfoUrl", discovery.getString("userinfo_endpoint", ""));
        config.put("jwksUrl", discovery.getString("jwks_uri"));
        config.put("logoutUrl", discovery.getString("end_session_endpoint", ""));
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("clientId", clientId);
        config.put("clientSecret", clientSecret);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("defaultScope", "openid email profile");
        config.put("syncMode", "IMPORT");
        config.put("pkceEnabled", "true");
        config.put("pkceMethod", "S256");
        idp.setConfig(config);
        try (Response response = realm().identityProviders().create(idp)) {
            if (response.getStatus() == 409) {
                throw new Conflict("An identity provider named '" + idpAlias + "' exists already.");
            }
            expect(response, "register the identity provider");
        }
    }

    /**
     * Once a domain is verified for the organization: lists the domain on the organization as verified, links the
     * provider to it, turns on the redirect for that domain and trusts the provider's e-mails (they are in a domain the
     * organization proved it holds). Undone if Keycloak refuses any step, e.g. because another organization holds the
     * domain.
     */
    public void activateIdentityProvider(String organizationId, String idpAlias, String emailDomain) {
        RealmResource realm = realm();
        OrganizationResource organization = realm.organizations().get(organizationId);
        addDomain(organizationId, emailDomain);
        IdentityProviderRepresentation idp =
                realm.identityProviders().get(idpAlias).toRepresentation();
        idp.setEnabled(true);
        idp.setHideOnLogin(false);
        idp.setTrustEmail(true);
        idp.getConfig().put("kc.org.domain", emailDomain);
        idp.getConfig().put("kc.org.broker.redirect.mode.email-matches", "true");
        updateIdentityProvider(idpAlias, idp);
        try (Response response = organization.identityProviders().addIdentityProvider(idpAlias)) {
            if (response.getStatus() != 409) {
                expect(response, "link the identity provider to the organization");
            }
        } catch (RuntimeException e) {
            IdentityProviderRepresentation back =
                    realm.identityProviders().get(idpAlias).toRepresentation();
            back.setEnabled(false);
            back.setHideOnLogin(true);
            back.setTrustEmail(false);
            back.getConfig().remove("kc.org.domain");
            back.getConfig().remove("kc.org.broker.redirect.mode.email-matches");
            updateIdentityProvider(idpAlias, back);
            throw e;
        }
    }

    private void updateIdentityProvider(String idpAlias, IdentityProviderRepresentation idp) {
        try {
            realm().identityProviders().get(idpAlias).update(idp);
        } catch (WebApplicationException e) {
            throw new Conflict("Keycloak refused to update the identity provider: " + reason(e.getResponse()));
        }
    }

    /** Lists a verified domain on the organization; Keycloak refuses when another organization has it. */
    public void addDomain(String organizationId, String emailDomain) {
        OrganizationResource organization = realm().organizations().get(organizationId);
        OrganizationRepresentation org = organization.toRepresentation();
        if (org.getDomain(emailDomain) != null && org.getDomain(emailDomain).isVerified()) {
            return;
        }
        if (org.getDomain(emailDomain) != null) {
            org.removeDomain(org.getDomain(emailDomain));
        }
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation(emailDomain);
        domain.setVerified(true);
        org.addDomain(domain);
        try (Response response = organization.update(org)) {
            expect(response, "list " + emailDomain + " as the organization's domain");
        }
    }

    /** Deletes a provider (linked or not) and takes its domain off the organization. */
    public void disconnectIdentityProvider(
            String organizationId, String idpAlias, String emailDomain, boolean keepDomain) {
        RealmResource realm = realm();
        OrganizationResource organization = realm.organizations().get(organizationId);
        try (Response response = organization.identityProviders().get(idpAlias).delete()) {
            if (response.getStatus() != 404 && response.getStatus() != 400) {
                expect(response, "unlink the identity provider");
            }
        }
        try {
            realm.identityProviders().get(idpAlias).remove();
        } catch (jakarta.ws.rs.NotFoundException gone) {
            // removed already
        }
        if (keepDomain) {
            return;
        }
        OrganizationRepresentation org = organization.toRepresentation();
        OrganizationDomainRepresentation domain = org.getDomain(emailDomain);
        if (domain != null) {
            org.removeDomain(domain);
            try (Response response = organization.update(org)) {
                expect(response, "take " + emailDomain + " off the organization");
            }
        }
    }

    /** Refuses an answer that is not a success, with Keycloak's own reason. */
    private static void expect(Response response, String what) {
        if (response.getStatus() >= 300) {
            throw new Conflict("Keycloak refused to " + what + " (" + response.getStatus() + "): " + reason(response));
        }
    }

    private static String reason(Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body == null || body.isBlank()) {
                return "no reason given.";
            }
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            String message =
                    json.getString("errorMessage", json.getString("error_description", json.getString("error", body)));
            return message.length() > 300 ? message.substring(0, 300) : message;
        } catch (RuntimeException e) {
            return "no readable reason.";
        }
    }

    /**
     * Reads the provider's discovery document. The issuer and every endpoint Keycloak will call later must pass {@link
     * ProviderAddress} (https, public addresses), the fetch has timeouts and follows no redirects, and what the provider
     * answered is never echoed (that would make this a port scanner of the server's network).
     */
    private static JsonObject discover(String issuerUrl) {
        String url = issuerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        ProviderAddress.check("issuerUrl", url);
        Client client = ClientBuilder.newBuilder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .build();
        try (Response response = client.target(url).request().get()) {
            if (response.getStatus() != 200) {
                throw unreadable();
            }
            JsonObject discovery = Json.createReader(new StringReader(response.readEntity(String.class)))
                    .readObject();
            for (String required : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")) {
                if (!discovery.containsKey(required)) {
                    throw new InvalidInput(
                            "issuerUrl", "The provider's OpenID discovery document lacks " + required + ".");
                }
                ProviderAddress.check("issuerUrl", discovery.getString(required));
            }
            for (String optional : List.of("userinfo_endpoint", "end_session_endpoint")) {
                if (discovery.containsKey(optional)) {
                    ProviderAddress.check("issuerUrl", discovery.getString(optional));
                }
            }
            return discovery;
        } catch (InvalidInput e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable();
        } finally {
            client.close();
        }
    }

    private static InvalidInput unreadable() {
        return new InvalidInput("issuerUrl", "Could not read an OpenID discovery document from that issuer.");
    }
}
