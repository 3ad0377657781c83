package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document WildFly generates from the resources' annotations: served without credentials at {@code
 * /openapi} and at the old {@code /api/openapi.yaml}; it documents exactly the operations the code implements, each
 * with a summary, its refusals as problem documents and its security requirement, and the documented security is the
 * real one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    /** Operations anyone may call without credentials. */
    private static final Set<String> PUBLIC = Set.of("GET /api/health", "POST /api/invitation-acceptances");

    /** Operations that cannot refuse a request (so have no error response to document). */
    private static final Set<String> NEVER_REFUSED = Set.of("GET /api/health");

    private static final Map<String, String> VERBS = Map.of(
            "jakarta.ws.rs.GET", "get",
            "jakarta.ws.rs.POST", "post",
            "jakarta.ws.rs.PUT", "put",
            "jakarta.ws.rs.DELETE", "delete",
            "jakarta.ws.rs.PATCH", "patch");

    private static final String PROBLEM = "application/problem+json";

    /** The OpenAI-compatible API answers its refusals in OpenAI's own envelope, as its clients expect. */
    private static final String OPENAI = "/api/v1/";

    private static String refusalType(String operation) {
        return operation.contains(" " + OPENAI) ? "application/json" : PROBLEM;
    }

    private static JsonObject document;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @BeforeAll
    static void fetch() throws IOException {
        Api.Answer answer = get("/openapi?format=JSON");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        document = answer.object();
        // Kept beside the build's other outputs, to read or diff against an earlier build's.
        Files.writeString(Path.of("target", "openapi.json"), answer.body());
    }

    @Test
    void theDocumentIsGeneratedAndServedWithoutCredentialsAtTheOldAddressesToo() {
        assertThat(document.getString("openapi")).startsWith("3.");
        assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Tributary API");

        Api.Answer yaml = get("/openapi");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.header("X-Content-Type-Options")).contains("nosniff");

        Api.Answer oldYaml = get("/api/openapi.yaml");
        assertThat(oldYaml.status()).isEqualTo(200);
        assertThat(oldYaml.contentType()).startsWith("application/yaml");
        assertThat(oldYaml.body()).isEqualTo(yaml.body());

        Api.Answer oldJson = get("/api/openapi.json");
        assertThat(oldJson.status()).isEqualTo(200);
        assertThat(oldJson.object()).isEqualTo(document);
    }

    @Test
    void everyImplementedOperationIsDocumentedAndNothingElse() throws IOException {
        assertThat(documented()).isEqualTo(implemented());
    }

    @Test
    void everyOperationHasASummaryItsRefusalsAsProblemDocumentsAndItsSecurity() {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.keySet()).contains("apiKey", "apiKeyHeader", "bearer");
        assertThat(schemes.getJsonObject("apiKeyHeader").getString("name")).isEqualTo("X-Api-Key");
        assertThat(document.getJsonObject("components")
                        .getJsonObject("schemas")
                        .getJsonObject("Problem")
                        .getJsonObject("properties")
                        .keySet())
                .contains("type", "title", "status", "detail", "instance", "errors");

        List<String> problems = new ArrayList<>();
        operations().forEach((operation, body) -> {
            if (body.getString("summary", "").isBlank()) {
                problems.add(operation + ": no summary");
            }
            if (!NEVER_REFUSED.contains(operation) && !refusesWith(body, refusalType(operation))) {
                problems.add(operation + ": no 4xx response with " + refusalType(operation));
            }
            List<String> security = body.containsKey("security")
                    ? body.getJsonArray("security").stream()
                            .flatMap(r -> r.asJsonObject().keySet().stream())
                            .toList()
                    : List.of();
            if (PUBLIC.contains(operation) != security.isEmpty()) {
                problems.add(operation + (security.isEmpty() ? ": no security requirement" : ": public, but secured"));
            }
            if (!schemes.keySet().containsAll(security)) {
                problems.add(operation + ": unknown security scheme in " + security);
            }
            if (!body.containsKey("tags")) {
                problems.add(operation + ": no tag");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theDocumentedSecurityIsTheRealOne() {
        List<String> wrong = new ArrayList<>();
        operations().forEach((operation, body) -> {
            String verb = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.APP + path))
                    .header("Content-Type", "application/json")
                    .method(verb, HttpRequest.BodyPublishers.ofString("{}"));
            Api.Answer answer = Api.call(request);
            boolean refused = answer.status() == 401 && answer.contentType().startsWith(refusalType(operation));
            if (refused == PUBLIC.contains(operation)) {
                wrong.add(operation + " without credentials: " + answer.status());
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static boolean refusesWith(JsonObject operation, String type) {
        JsonObject responses = operation.getJsonObject("responses");
        return responses.keySet().stream()
                .filter(code -> code.startsWith("4"))
                .map(code -> resolve(responses.getJsonObject(code)))
                .anyMatch(r ->
                        r.containsKey("content") && r.getJsonObject("content").containsKey(type));
    }

    private static JsonObject resolve(JsonObject response) {
        if (!response.containsKey("$ref")) {
            return response;
        }
        String name = response.getString("$ref").substring("#/components/responses/".length());
        return document.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
    }

    /** "VERB /path" to the operation, as the document lists them. */
    private static Map<String, JsonObject> operations() {
        Map<String, JsonObject> operations = new TreeMap<>();
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((verb, op) -> {
                    if (VERBS.containsValue(verb) && op.getValueType() == JsonValue.ValueType.OBJECT) {
                        operations.put(verb.toUpperCase() + " " + path, op.asJsonObject());
                    }
                }));
        return operations;
    }

    private static TreeSet<String> documented() {
        return new TreeSet<>(operations().keySet());
    }

    /** "VERB /api/path" of every JAX-RS resource method in the web module's classes, read from their bytecode. */
    private static TreeSet<String> implemented() throws IOException {
        Path classes = Path.of(System.getProperty("tributary.web.classes", "../web/target/classes"));
        Indexer indexer = new Indexer();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        Index index = indexer.complete();
        DotName jaxrsPath = DotName.createSimple("jakarta.ws.rs.Path");
        TreeSet<String> operations = new TreeSet<>();
        for (AnnotationInstance root : index.getAnnotations(jaxrsPath)) {
            if (root.target().kind() != AnnotationTarget.Kind.CLASS) continue;
            ClassInfo resource = root.target().asClass();
            for (MethodInfo method : resource.methods()) {
                for (var verb : VERBS.entrySet()) {
                    if (method.hasDeclaredAnnotation(DotName.createSimple(verb.getKey()))) {
                        AnnotationInstance sub = method.declaredAnnotation(jaxrsPath);
                        String path = join(
                                        "api/" + root.value().asString(),
                                        sub == null ? "" : sub.value().asString())
                                // a template's regular expression ({id: .+}) is not part of the documented path
                                .replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                        operations.add(verb.getValue().toUpperCase() + " " + path);
                    }
                }
            }
        }
        assertThat(operations)
                .as("operations found in " + classes.toAbsolutePath())
                .hasSizeGreaterThan(80);
        return operations;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Api.Answer get(String path) {
        return Api.call(HttpRequest.newBuilder(URI.create(Api.APP + path)).GET());
    }
}
