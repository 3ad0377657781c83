package io.tributary.web.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.tenancy.ApiKeyView;
import io.tributary.application.tenancy.IssuedApiKey;
import io.tributary.persistence.tenancy.ApiKey;
import io.tributary.persistence.tenancy.Role;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Records that carry a secret never print it: records end up in logs, exception messages and debuggers. */
class SecretRecordsTest {

    private static final String SECRET = "trb_s3cr3t-value-that-must-not-leak";
    private static final Pattern SECRET_NAMES = Pattern.compile("(?i).*(secret|password|privatekey|operatorkey).*");

    @Test
    void recordsHoldingSecretsHideThemInToString() {
        ApiKey key = new ApiKey("bot", "trb_s3cr3t", "hash", EnumSet.of(Role.CONTRIBUTOR), "olivia@acme.test");
        List<Object> holders = List.of(
                new IssuedApiKey(ApiKeyView.of(key), SECRET),
                new SsoConnectionResource.ConnectRequest(
                        "Corp", "https://id.corp.test/realms/x", "broker", SECRET, "corp.test", List.of()));
        for (Object holder : holders) {
            assertThat(holder.toString()).as(holder.getClass().getSimpleName()).doesNotContain(SECRET);
        }
    }

    @Test
    void noRecordWithASecretComponentPrintsIt() throws Exception {
        List<String> leaking = new ArrayList<>();
        for (Class<?> type : recordsOf(IssuedApiKey.class, ApiKeyResource.class, ApiKey.class)) {
            RecordComponent[] components;
            try {
                components = type.getRecordComponents();
            } catch (NoClassDefFoundError modelLibraryType) {
                // A record naming model-training types stays in ejb: the library is not on web's class path.
                continue;
            }
            if (Stream.of(components)
                    .noneMatch(c -> SECRET_NAMES.matcher(c.getName()).matches())) {
                continue;
            }
            Object[] values = Stream.of(components)
                    .map(c -> sample(
                            c.getType(), SECRET_NAMES.matcher(c.getName()).matches() ? SECRET : "plain"))
                    .toArray();
            Class<?>[] types =
                    Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            Object instance;
            try {
                instance = constructor.newInstance(values);
            } catch (java.lang.reflect.InvocationTargetException refused) {
                // Records that validate their input (SealedKey) cannot take the samples; they are checked on their own.
                continue;
            }
            if (instance.toString().contains(SECRET)) {
                leaking.add(type.getName());
            }
        }
        assertThat(leaking).isEmpty();
    }

    /** The text (the secret marker for secret components) wherever a component could hold text, defaults elsewhere. */
    private static Object sample(Class<?> type, String text) {
        if (type == String.class || type == CharSequence.class) return text;
        if (type == Optional.class) return Optional.of(text);
        if (type == char[].class) return text.toCharArray();
        if (type == boolean.class) return false;
        if (type == char.class) return 'x';
        if (type.isPrimitive())
            return type == long.class
                    ? 0L
                    : type == double.class
                            ? 0.0
                            : type == float.class
                                    ? 0f
                                    : type == byte.class ? (byte) 0 : type == short.class ? (short) 0 : 0;
        return null;
    }

    /** The records compiled into the modules (ejb, web, persistence) these classes come from. */
    private static List<Class<?>> recordsOf(Class<?>... anchors) throws IOException, URISyntaxException {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            Path location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (String name : classNames(location)) {
                try {
                    Class<?> type = Class.forName(name, false, SecretRecordsTest.class.getClassLoader());
                    if (type.isRecord()) {
                        records.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError unloadable) {
                    // classes needing the server's runtime are not records that matter here
                }
            }
        }
        assertThat(records).isNotEmpty();
        return records;
    }

    private static List<String> classNames(Path location) throws IOException {
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(p -> p.toString().endsWith(".class"))
                        .forEach(p -> entries.add(location.relativize(p).toString()));
            }
        } else {
            try (ZipFile jar = new ZipFile(location.toFile())) {
                jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.endsWith(".class"))
                        .forEach(entries::add);
            }
        }
        return entries.stream()
                .filter(n -> n.startsWith("io/tributary/") || n.startsWith("io\\tributary\\"))
                .map(n -> n.substring(0, n.length() - ".class".length())
                        .replace('/', '.')
                        .replace('\\', '.'))
                .toList();
    }
}
