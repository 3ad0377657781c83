package io.tributary.it;

import io.tributary.devstack.KeycloakTestClient;
import io.tributary.devstack.Ports;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A REST client for the tests: calls Tributary's API as a given credential and Keycloak's token endpoint. */
final class Api {

    static final Ports PORTS = Ports.TEST;
    static final String APP = PORTS.appUrl();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: status, content type, body and headers. */
    record Answer(int status, String contentType, String body, HttpHeaders headers) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The target of the {@code Link} header's relation {@code rel} (next, prev), as a path under /api. */
        Optional<String> link(String rel) {
            return headers.allValues("Link").stream()
                    .flatMap(v -> Arrays.stream(v.split(",")))
                    .filter(v -> v.contains("rel=\"" + rel + "\""))
                    .map(v -> v.substring(v.indexOf('<') + 1, v.indexOf('>')))
                    .map(url -> url.substring(url.indexOf("/api/") + "/api".length()))
                    .findFirst();
        }

        JsonObject object() {
            return (JsonObject) json();
        }

        JsonArray array() {
            return (JsonArray) json();
        }

        JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    private final String authorization;
    private final String organization;

    private Api(String authorization) {
        this(authorization, null);
    }

    private Api(String authorization, String organization) {
        this.authorization = authorization;
        this.organization = organization;
    }

    /** The same caller acting in one of its organizations (for people who belong to several). */
    Api in(String alias) {
        return new Api(authorization, alias);
    }

    static Api anonymous() {
        return new Api(null);
    }

    static Api withKey(String secret) {
        return new Api("Bearer " + secret);
    }

    /** Signs in as a demo user with Keycloak's password grant and calls the API with the access token. */
    static Api as(String username) {
        return as(username, "demo");
    }

    /**
     * Signs in with Keycloak's password grant through the test-only client (the realm's web client refuses that grant)
     * and calls the API with the access token.
     */
    static Api as(String username, String password) {
        return new Api("Bearer " + tokens(username, password).getString("access_token"));
    }

    /** Keycloak's token answer (access and ID token) for a password sign-in through the test-only client. */
    static JsonObject tokens(String username, String password) {
        Answer answer = keycloakToken(KeycloakTestClient.passwordGrant(username, password));
        if (answer.status() != 200) {
            throw new IllegalStateException("Keycloak refused " + username + ": " + answer.body());
        }
        return answer.object();
    }

    /** Calls Keycloak's token endpoint with a form, e.g. to see which grants a client is refused. */
    static Answer keycloakToken(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(
                        URI.create(PORTS.keycloakUrl() + "/realms/tributary/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends any request (to Keycloak's admin or account API, say). */
    static Answer call(HttpRequest.Builder request) {
        return send(request);
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    /** Every item of a paged list, following the {@code next} links from pages of 200. */
    List<JsonObject> all(String path) {
        List<JsonObject> items = new ArrayList<>();
        Optional<String> next = Optional.of(path + (path.contains("?") ? "&" : "?") + "size=200");
        while (next.isPresent()) {
            Answer page = get(next.get());
            if (page.status() != 200) {
                throw new AssertionError(path + " answered " + page.status() + ": " + page.body());
            }
            page.array().forEach(v -> items.add(v.asJsonObject()));
            next = page.link("next");
        }
        return items;
    }

    Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    /** A POST carrying an Idempotency-Key header, as machine clients retry payouts. */
    Answer post(String path, String json, String idempotencyKey) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(body(json)));
    }

    /** Streams raw bytes, as a file upload does. */
    Answer upload(String path, byte[] body) {
        return send(request(path)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(json)));
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(APP + "/api" + path)).timeout(Duration.ofSeconds(60));
        if (organization != null) {
            builder.header("X-Tributary-Organization", organization);
        }
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json == null ? "" : json);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id of the tenant with this alias, as platform staff see the tenant list. */
    String tenantId(String alias) {
        return get("/admin/tenants").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(t -> t.getString("alias").equals(alias))
                .map(t -> t.getString("id"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tenant " + alias));
    }

    /** The id of the member with this e-mail, as the caller sees the member list. */
    String memberId(String email) {
        return get("/members").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("email").equals(email))
                .map(m -> m.getString("id"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(email + " not among the caller's members"));
    }
}
