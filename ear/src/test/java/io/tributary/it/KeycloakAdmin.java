package io.tributary.it;

import io.tributary.devstack.KeycloakTestClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/** Keycloak's admin API for the tests, as the realm's service account: to look at and change what Keycloak holds. */
final class KeycloakAdmin {

    private final String token;

    KeycloakAdmin() {
        try {
            token = KeycloakTestClient.serviceAccountToken(Api.PORTS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The admin token itself (a token of another client than Tributary's). */
    String token() {
        return token;
    }

    Api.Answer get(String path) {
        return Api.call(request(path).GET());
    }

    Api.Answer post(String path, String json) {
        return Api.call(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    Api.Answer put(String path, String json) {
        return Api.call(request(path).header("Content-Type", "application/json").PUT(body(json)));
    }

    Api.Answer delete(String path) {
        return Api.call(request(path).DELETE());
    }

    JsonObject organization(String alias) {
        return get("/organizations?search=&max=1000").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("alias").equals(alias))
                .findFirst()
                .orElseThrow();
    }

    List<String> domains(String alias) {
        JsonArray domains = organization(alias).getJsonArray("domains");
        return domains == null
                ? List.of()
                : domains.stream()
                        .map(d -> d.asJsonObject().getString("name")
                                + (d.asJsonObject().getBoolean("verified", false) ? "" : " (unverified)"))
                        .toList();
    }

    JsonObject user(String email) {
        return get("/users?exact=true&email=" + email).array().getJsonObject(0);
    }

    /** Creates a user with a password and returns its id. */
    String createUser(String email, boolean emailVerified, String password) {
        Api.Answer created = post("/users", """
                {"username":"%s","email":"%s","emailVerified":%s,"enabled":true,"firstName":"Test","lastName":"Person",
                 "credentials":[{"type":"password","value":"%s","temporary":false}]}
                """.formatted(email, email, emailVerified, password));
        if (created.status() != 201) {
            throw new IllegalStateException("Keycloak refused the user: " + created.body());
        }
        return user(email).getString("id");
    }

    void addToOrganization(String alias, String userId) {
        String org = organization(alias).getString("id");
        Api.Answer added = Api.call(request("/organizations/" + org + "/members")
                .header("Content-Type", "application/json")
                .POST(body("\"" + userId + "\"")));
        if (added.status() >= 300) {
            throw new IllegalStateException("Keycloak refused the membership: " + added.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(Api.PORTS.keycloakUrl() + "/admin/realms/tributary" + path))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }
}
