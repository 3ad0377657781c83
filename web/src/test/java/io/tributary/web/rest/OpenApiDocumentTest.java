package io.tributary.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.web.serving.OpenAiError;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every operation the resources implement carries what the generated OpenAPI document needs: a summary, its error
 * responses as problem documents, a tag and (unless deliberately public) its security requirement. The same rules are
 * checked on the document the server generates by {@code OpenApiIT}; this test fails first, without a server.
 */
class OpenApiDocumentTest {

    /** Operations anyone may call without credentials. */
    static final Set<String> PUBLIC = Set.of("GET /api/health", "POST /api/invitation-acceptances");

    /** Operations that cannot refuse a request (so have no error response to document). */
    static final Set<String> NEVER_REFUSED = Set.of("GET /api/health");

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(
            GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH");

    @Test
    void everyOperationHasASummaryErrorsAndSecurity() throws Exception {
        Map<String, Method> operations = implemented();
        assertThat(operations).as("JAX-RS operations found").hasSizeGreaterThan(80);
        List<String> problems = new ArrayList<>();
        operations.forEach((operation, method) -> {
            Operation described = method.getAnnotation(Operation.class);
            if (described == null || described.summary().isBlank()) {
                problems.add(operation + ": no @Operation summary");
            }
            if (!NEVER_REFUSED.contains(operation) && !refusesWithProblems(method)) {
                problems.add(operation + ": no 4xx @APIResponse with a problem document");
            }
            boolean secured = method.getAnnotationsByType(SecurityRequirement.class).length > 0
                    || method.getDeclaringClass().getAnnotationsByType(SecurityRequirement.class).length > 0;
            if (secured == PUBLIC.contains(operation)) {
                problems.add(operation
                        + (secured ? ": public, but has a security requirement" : ": no @SecurityRequirement"));
            }
            if (method.getDeclaringClass().getAnnotationsByType(Tag.class).length == 0) {
                problems.add(operation + ": its resource has no @Tag");
            }
        });
        assertThat(problems).isEmpty();
        assertThat(operations.keySet()).containsAll(PUBLIC).containsAll(NEVER_REFUSED);
    }

    @Test
    void sharedErrorResponsesAreProblemDocuments() {
        OpenAPIDefinition definition = TributaryApi.class.getAnnotation(OpenAPIDefinition.class);
        assertThat(definition.info().title()).isEqualTo("Tributary API");
        assertThat(definition.components().responses())
                .extracting(APIResponse::name)
                .containsExactlyInAnyOrder(
                        TributaryApi.PROBLEM,
                        TributaryApi.UNAUTHENTICATED,
                        TributaryApi.RATE_LIMITED,
                        TributaryApi.UNAVAILABLE);
        for (APIResponse response : definition.components().responses()) {
            assertThat(response.content()).hasSize(1);
            assertThat(response.content()[0].mediaType()).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(response.content()[0].schema().implementation()).isEqualTo(Problem.class);
        }
        assertThat(definition.components().securitySchemes())
                .extracting(s -> s.securitySchemeName())
                .containsExactlyInAnyOrder(TributaryApi.SERVICE_KEY, TributaryApi.API_KEY_HEADER, TributaryApi.OIDC);
    }

    private static boolean refusesWithProblems(Method method) {
        return Arrays.stream(method.getAnnotationsByType(APIResponse.class))
                .filter(r -> r.responseCode().startsWith("4"))
                .anyMatch(r -> Set.of(TributaryApi.PROBLEM, TributaryApi.UNAUTHENTICATED, TributaryApi.RATE_LIMITED)
                                .contains(r.ref())
                        || Arrays.stream(r.content())
                                .anyMatch(c -> c.mediaType().equals(Problem.MEDIA_TYPE)
                                        // The OpenAI-compatible /v1 answers in OpenAI's error envelope instead.
                                        || c.schema().implementation() == OpenAiError.class));
    }

    /** "VERB /api/path" of every resource method in the compiled web classes. */
    static Map<String, Method> implemented() throws IOException, ClassNotFoundException {
        Map<String, Method> operations = new TreeMap<>();
        java.nio.file.Path classes = Paths.get("target/classes");
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
            Path root = type.getAnnotation(Path.class);
            if (root == null) continue;
            for (Method method : type.getDeclaredMethods()) {
                for (var verb : VERBS.entrySet()) {
                    if (method.isAnnotationPresent(verb.getKey())) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = join("api/" + root.value(), sub == null ? "" : sub.value());
                        assertThat(operations.put(verb.getValue() + " " + path, method))
                                .as("two methods for " + verb.getValue() + " " + path)
                                .isNull();
                    }
                }
            }
        }
        return operations;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
