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
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Keycloak as the directory of organizations, their users and their enterprise identity providers, reached through
 * keycloak-admin-client with the realm's service-account client.
 */
@ApplicationScoped
public class OrganizationDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keycloak keycloak;

    private synchronized RealmResource realm() {
        if (keycloak == null) {
            keycloak = KeycloakBuilder.builder()
                    .serverUrl(Settings.KEYCLOAK_URL.value())
                    .realm(Settings.KEYCLOAK_REALM.value())
                    .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                    .clientId(Settings.KEYCLOAK_ADMIN_CLIENT.value())
                    .clientSecret(Settings.KEYCLOAK_ADMIN_SECRET.value())
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

    /** Creates the Keycloak organization for a new tenant and returns its id. */
    public String createOrganization(String alias, String name) {
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setAlias(alias);
        org.setName(name);
        org.setEnabled(true);
        try (Response response = realm().organizations().create(org)) {
            if (response.getStatus() == 409) {
                throw new Conflict("Keycloak already has an organization named '" + name + "' or '" + alias + "'.");
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public void deleteOrganization(String organizationId) {
        realm().organizations().get(organizationId).delete().close();
    }

    /**
     * Makes sure a Keycloak user exists for the e-mail and is a member of the organization. Returns a temporary password
     * when a user had to be created (they choose their own at first sign-in), empty when one existed already.
     */
    public Optional<String> enrol(String organizationId, String email, String displayName) {
        RealmResource realm = realm();
        List<UserRepresentation> existing = realm.users().searchByEmail(email, true);
        String userId;
        String temporaryPassword = null;
        if (existing.isEmpty()) {
            temporaryPassword = temporaryPassword();
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email);
            user.setEmail(email);
            user.setEmailVerified(true);
            user.setEnabled(true);
            String[] names =
                    displayName == null ? new String[0] : displayName.strip().split("\\s+", 2);
            user.setFirstName(names.length > 0 && !names[0].isEmpty() ? names[0] : email);
            user.setLastName(names.length > 1 ? names[1] : "-");
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(temporaryPassword);
            password.setTemporary(true);
            user.setCredentials(List.of(password));
            try (Response response = realm.users().create(user)) {
                userId = CreatedResponseUtil.getCreatedId(response);
            }
        } else {
            userId = existing.get(0).getId();
        }
        try (Response response =
                realm.organizations().get(organizationId).members().addMember(userId)) {
            if (response.getStatus() >= 400 && response.getStatus() != 409) {
                throw new WebApplicationException("Keycloak refused the membership", response.getStatus());
            }
        }
        return Optional.ofNullable(temporaryPassword);
    }

    public void leave(String organizationId, String email) {
        RealmResource realm = realm();
        realm.users()
                .searchByEmail(email, true)
                .forEach(user -> realm.organizations()
                        .get(organizationId)
                        .members()
                        .member(user.getId())
                        .delete()
                        .close());
    }

    /**
     * Registers a company's OpenID Connect provider, found through its discovery document, as a Keycloak identity
     * provider of the organization; users whose e-mail domain matches are redirected to it.
     */
    public void connectIdentityProvider(
            String organizationId,
            String idpAlias,
            String displayName,
            String issuerUrl,
            String clientId,
            String clientSecret,
            String emailDomain) {
        JsonObject discovery = discover(issuerUrl);
        RealmResource realm = realm();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(idpAlias);
        idp.setDisplayName(displayName);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
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
        config.put("kc.org.domain", emailDomain);
        config.put("kc.org.broker.redirect.mode.email-matches", "true");
        idp.setConfig(config);
        try (Response response = realm.identityProviders().create(idp)) {
            if (response.getStatus() == 409) {
                throw new Conflict("An identity provider named '" + idpAlias + "' exists already.");
            }
            if (response.getStatus() >= 400) {
                throw new WebApplicationException("Keycloak refused the identity provider", response.getStatus());
            }
        }
        try {
            var organization = realm.organizations().get(organizationId);
            OrganizationRepresentation org = organization.toRepresentation();
            OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation(emailDomain);
            domain.setVerified(true);
            org.addDomain(domain);
            organization.update(org).close();
            try (Response linked = organization.identityProviders().addIdentityProvider(idpAlias)) {
                if (linked.getStatus() >= 400) {
                    throw new WebApplicationException("Keycloak refused to link the provider", linked.getStatus());
                }
            }
        } catch (RuntimeException e) {
            realm.identityProviders().get(idpAlias).remove();
            throw e;
        }
    }

    public void disconnectIdentityProvider(String organizationId, String idpAlias, String emailDomain) {
        RealmResource realm = realm();
        var organization = realm.organizations().get(organizationId);
        organization.identityProviders().get(idpAlias).delete().close();
        realm.identityProviders().get(idpAlias).remove();
        OrganizationRepresentation org = organization.toRepresentation();
        OrganizationDomainRepresentation domain = org.getDomain(emailDomain);
        if (domain != null) {
            org.removeDomain(domain);
            organization.update(org).close();
        }
    }

    private static JsonObject discover(String issuerUrl) {
        String url = issuerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        Client client = ClientBuilder.newBuilder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .build();
        try (Response response = client.target(url).request().get()) {
            if (response.getStatus() != 200) {
                throw new InvalidInput(
                        "issuerUrl", "The identity provider answered " + response.getStatus() + " for " + url + ".");
            }
            JsonObject discovery = Json.createReader(new StringReader(response.readEntity(String.class)))
                    .readObject();
            for (String required : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")) {
                if (!discovery.containsKey(required)) {
                    throw new InvalidInput(
                            "issuerUrl", "The discovery document at " + url + " lacks " + required + ".");
                }
            }
            return discovery;
        } catch (InvalidInput e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInput("issuerUrl", "Could not read an OpenID discovery document at " + url + ".");
        } finally {
            client.close();
        }
    }

    private static String temporaryPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
