package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance: the official {@code openai} client from the npm registry ({@code src/test/openai}) drives {@code /v1}
 * against the real server with a model the factory published: models list and retrieve, chat, streaming with usage,
 * completions, 401, 404, 400 naming the param, and a 429 that the client's own retry gets through.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenAiClientIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** Runs the script with node; returns its output, failing with it when the script fails. */
    static String run(Map<String, String> env) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("openai.conformance", "target/openai/conformance.mjs"));
        ProcessBuilder process = new ProcessBuilder("node", script.getFileName().toString())
                .directory(script.getParent().toFile())
                .redirectErrorStream(true);
        process.environment().putAll(env);
        Process node = process.start();
        byte[] output = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void theOfficialClientListsChatsStreamsCompletesAndReadsErrors() throws Exception {
        ServingIT.published();
        String out = run(Map.of(
                "TRIBUTARY_BASE_URL",
                Api.APP + "/v1",
                "TRIBUTARY_KEY",
                ServingIT.acmeKey(),
                "TRIBUTARY_MODEL",
                "acme/serving-free"));
        for (String check : new String[] {"models", "chat", "stream", "completion", "401", "404", "400"}) {
            assertThat(out).contains("{\"check\":\"" + check + "\",\"ok\":true");
        }
    }

    @Test
    void theClientRetriesARateLimitByItself() throws Exception {
        ServingIT.published();
        Api pat = Api.as("pat@tributary.test");
        String acme = pat.tenantId("acme");
        Api.Answer limited = pat.put(
                "/admin/serving/limits/" + acme,
                "{\"requestsPerMinute\":1,\"tokensPerMinute\":100000,\"monthlyTokenQuota\":100000000,\"queueBound\":8}");
        assertThat(limited.status()).as(limited.body()).isEqualTo(200);
        try {
            String out = run(Map.of(
                    "TRIBUTARY_BASE_URL",
                    Api.APP + "/v1",
                    "TRIBUTARY_KEY",
                    ServingIT.acmeKey(),
                    "TRIBUTARY_MODEL",
                    "acme/serving-free",
                    "TRIBUTARY_LIMITED",
                    "1"));
            assertThat(out)
                    .contains("{\"check\":\"429\",\"ok\":true")
                    .contains("{\"check\":\"429-retried\",\"ok\":true");
        } finally {
            pat.put(
                    "/admin/serving/limits/" + acme,
                    "{\"requestsPerMinute\":600,\"tokensPerMinute\":200000,\"monthlyTokenQuota\":100000000,\"queueBound\":32}");
        }
    }
}
