package io.tributary.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Adds a test-only client to the running test Keycloak, through the realm's admin API with Tributary's service
 * account: it may use the password grant (which the shipped realm's web client may not) and issues tokens shaped like
 * the web client's (Tributary's audience, the organization claim), so the API tests sign in without a browser.
 */
public final class KeycloakTestClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakTestClient() {}

    static void create(Ports ports, String clientId, String secret) throws IOException, InterruptedException {
        String token = serviceAccountToken(ports);
        String client = """
                {"clientId":"%s","enabled":true,"publicClient":false,"secret":"%s",
                 "standardFlowEnabled":false,"directAccessGrantsEnabled":true,
                 "defaultClientScopes":["web-origins","acr","profile","roles","basic","email","organization"],
                 "protocolMappers":[
                  {"name":"tributary-audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                   "config":{"included.client.audience":"tributary-web","access.token.claim":"true",
                             "id.token.claim":"false","introspection.token.claim":"true"}},
                  {"name":"organization","protocol":"openid-connect",
                   "protocolMapper":"oidc-organization-membership-mapper",
                   "config":{"claim.name":"organization","access.token.claim":"true","id.token.claim":"true",
                             "userinfo.token.claim":"true","introspection.token.claim":"true",
                             "multivalued":"true","jsonType.label":"String"}}]}
                """.formatted(clientId, secret);
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(ports.keycloakUrl() + "/admin/realms/tributary/clients"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(client))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException(
                    "Keycloak refused the test client: " + created.statusCode() + " " + created.body());
        }
    }

    /** An admin token of the realm's service account (tributary-admin, realm-admin rights). */
    public static String serviceAccountToken(Ports ports) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenEndpoint(
                ports,
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", "tributary-admin",
                        "client_secret", "tributary-admin-dev-secret"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("No service-account token: " + response.body());
        }
        String json = response.body();
        int start = json.indexOf("\"access_token\":\"") + 16;
        return json.substring(start, json.indexOf('"', start));
    }

    /** The test-only client's password grant for a user (the shipped web client has none). */
    public static Map<String, String> passwordGrant(String username, String password) {
        return Map.of(
                "client_id",
                TestPlatform.TEST_CLIENT,
                "client_secret",
                TestPlatform.TEST_CLIENT_SECRET,
                "grant_type",
                "password",
                "username",
                username,
                "password",
                password,
                "scope",
                "openid");
    }

    /** Posts a form to the realm's token endpoint. */
    public static HttpResponse<String> tokenEndpoint(Ports ports, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(ports.keycloakUrl() + "/realms/tributary/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
