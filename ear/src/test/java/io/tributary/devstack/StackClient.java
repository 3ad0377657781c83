package io.tributary.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** The benchmarks' HTTP access to a running stack: bearer requests under /api, Keycloak tokens for demo users. */
final class StackClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Ports ports;
    private final Duration timeout;

    StackClient(HttpClient http, Ports ports, Duration timeout) {
        this.http = http;
        this.ports = ports;
        this.timeout = timeout;
    }

    HttpRequest get(String credential, String path) {
        return request(credential, path).GET().build();
    }

    HttpRequest post(String credential, String path, String json) {
        return request(credential, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    HttpRequest put(String credential, String path, String json) {
        return request(credential, path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    HttpRequest.Builder request(String credential, String path) {
        return HttpRequest.newBuilder(URI.create(ports.appUrl() + "/api" + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + credential);
    }

    /** Sends the request and returns the body, or fails naming the request when the status is not the expected one. */
    String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** An access token from Keycloak's password grant through the test-only client (the web client has none). */
    String token(String username) throws IOException, InterruptedException {
        HttpResponse<String> response =
                KeycloakTestClient.tokenEndpoint(ports, KeycloakTestClient.passwordGrant(username, "demo"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused " + username + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The demo data is seeded in the background after start: waits until the demo DataNet is listed. */
    void awaitDemoData(String credential, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(get(credential, "/datanets"), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && answer.body().contains("Clinical Q&A")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The demo data did not appear within 3 minutes; see " + log);
    }
}
