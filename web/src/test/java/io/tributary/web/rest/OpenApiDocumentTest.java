package io.tributary.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document lists exactly the operations the resources implement. */
class OpenApiDocumentTest {

    private static final Map<Class<? extends java.lang.annotation.Annotation>, String> VERBS =
            Map.of(GET.class, "get", POST.class, "post", PUT.class, "put", DELETE.class, "delete");

    @Test
    void documentMatchesResources() throws Exception {
        assertThat(documented()).isEqualTo(implemented());
    }

    private static TreeSet<String> implemented() throws IOException, ClassNotFoundException {
        TreeSet<String> operations = new TreeSet<>();
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
                        String path = join(root.value(), sub == null ? "" : sub.value());
                        operations.add(verb.getValue() + " " + path);
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

    private static TreeSet<String> documented() throws IOException {
        TreeSet<String> operations = new TreeSet<>();
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            List<String> lines =
                    new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
            boolean inPaths = false;
            String current = null;
            for (String line : lines) {
                if (line.equals("paths:")) {
                    inPaths = true;
                } else if (inPaths && line.matches("^  /\\S*:$")) {
                    current = line.strip().replaceAll(":$", "");
                } else if (inPaths && current != null && line.matches("^    (get|post|put|delete):.*")) {
                    operations.add(line.strip().replaceAll(":.*", "") + " " + current);
                }
            }
        }
        return operations;
    }
}
