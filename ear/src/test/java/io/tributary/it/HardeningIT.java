package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.devstack.DevStack;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Attacks on the web layer, each of which worked before: pages reached around their role through other spellings of
 * the URL, a contributor reading every colleague's e-mail and sign-in times, other tenants' e-mails on public
 * DataNets, sign-out by a GET, and answers without the browser's protective headers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardeningIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** A raw request: the path goes on the wire exactly as written (no normalisation), with this session cookie. */
    private static HttpResponse<String> raw(String method, String path, String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.APP + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        form == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return String.join(", ", response.headers().allValues(name));
    }

    @Test
    void everyAnswerCarriesTheProtectiveHeadersAndPagesANoncePolicyWithoutUnsafeScript() {
        HttpResponse<String> api = raw("GET", "/api/health", null, null);
        assertThat(header(api, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(api, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(api, "Referrer-Policy")).isEqualTo("same-origin");
        assertThat(header(api, "Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        // The test stack runs over plain http (tributary.http.secure=false): no HSTS there.
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> page = raw("GET", "/error/404.xhtml", null, null);
        HttpResponse<String> again = raw("GET", "/error/404.xhtml", null, null);
        String policy = header(page, "Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self' 'nonce-", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline' 'nonce", "unsafe-eval");
        assertThat(policy.substring(policy.indexOf("script-src"))).doesNotContain("unsafe-inline");
        assertThat(header(page, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(nonce(policy)).isNotBlank().isNotEqualTo(nonce(header(again, "Content-Security-Policy")));
    }

    private static String nonce(String policy) {
        int start = policy.indexOf("'nonce-") + "'nonce-".length();
        return policy.substring(start, policy.indexOf('\'', start));
    }

    @Test
    void pagesWorkUnderThePolicyTheCookieIsLaxAndOnlyAPostSignsOut() {
        try (Browser olivia = new Browser().signIn("olivia@acme.test")) {
            Cookie session = olivia.driver.manage().getCookieNamed("JSESSIONID");
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Lax");
            olivia.consoleMessages();
            for (String page : List.of(
                    "/",
                    "/organization/members.xhtml",
                    "/organization/wallet.xhtml",
                    "/datanets/index.xhtml",
                    "/rewards/wallet.xhtml",
                    "/profile.xhtml")) {
                olivia.open(page);
                olivia.find(By.id("page-title"));
                assertThat(olivia.consoleMessages())
                        .as(page)
                        .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
            }
            // A PrimeFaces form posted through Ajax under the policy: the invitation form reports bad input.
            olivia.open("/organization/members.xhtml");
            olivia.type(By.id("invite:email"), "not-an-email");
            olivia.click(By.id("invite:send"));
            olivia.waitForText(By.id("messages"), "is not an e-mail address");

            // A link or an image pointing at /logout signs nobody out.
            olivia.open("/logout");
            olivia.open("/");
            assertThat(olivia.text(By.id("signed-in-as"))).isEqualTo("olivia@acme.test");
            assertThat(raw("GET", "/logout", olivia.sessionCookie(), null).statusCode())
                    .isEqualTo(405);
            // The POST ends both sessions: Keycloak's logout sends the browser back, and the start page asks for a
            // sign-in again.
            olivia.click(By.id("sign-out"));
            new WebDriverWait(olivia.driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(olivia.driver.getCurrentUrl()).contains("/protocol/openid-connect/");
        }
    }

    @Test
    void formsAndTheApiRefuseForgedCrossSitePosts() {
        try (Browser olivia = new Browser().signIn("olivia@acme.test")) {
            olivia.open("/organization/members.xhtml");
            String cookie = olivia.sessionCookie();
            String forged = "csrf-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
            String fields = "invite=invite&invite%3Aemail=" + forged + "&invite%3Aroles=org-admin&invite%3Asend=";
            // Without a view state, and with a guessed one: JSF runs no action.
            HttpResponse<String> without = raw("POST", "/organization/members.xhtml", cookie, fields);
            HttpResponse<String> guessed = raw(
                    "POST",
                    "/organization/members.xhtml",
                    cookie,
                    fields + "&jakarta.faces.ViewState=" + UUID.randomUUID());
            // No stack trace either way (the page's own settings name exception types, so look for frames).
            assertThat(without.body()).doesNotContain("\tat ", "at io.tributary.");
            assertThat(guessed.body()).doesNotContain("\tat ", "at io.tributary.");
            assertThat(Api.as("olivia@acme.test").get("/members").body()).doesNotContain(forged);
            // The API does not act on the session cookie for writes: a forged fetch() or form gets 401.
            HttpResponse<String> api =
                    postWithSessionCookie(cookie, "{\"email\":\"" + forged + "\",\"roles\":[\"org-admin\"]}");
            assertThat(api.statusCode()).isEqualTo(401);
            assertThat(Api.as("olivia@acme.test").get("/members").body()).doesNotContain(forged);
        }
    }

    private static HttpResponse<String> postWithSessionCookie(String cookie, String json) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(Api.APP + "/api/members"))
                            .header("Cookie", cookie)
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noSpellingOfAnAdminPageUrlGetsAContributorIn() {
        try (Browser carlos = new Browser().signIn("carlos@acme.test")) {
            String cookie = carlos.sessionCookie();
            // The session works, and the plain URLs are refused.
            assertThat(raw("GET", "/datanets/index.xhtml", cookie, null).statusCode())
                    .isEqualTo(200);
            assertThat(raw("GET", "/organization/members.xhtml", cookie, null).statusCode())
                    .isEqualTo(403);
            assertThat(raw("GET", "/admin/tenants.xhtml", cookie, null).statusCode())
                    .isEqualTo(403);
            for (String path : List.of(
                    "/organization;x/members.xhtml",
                    "/ORGANIZATION/members.xhtml",
                    "/Organization/members.xhtml",
                    "/%6frganization/members.xhtml",
                    "/organization%2fmembers.xhtml",
                    "/datanets/../organization/members.xhtml",
                    "/datanets/%2e%2e/organization/members.xhtml",
                    "/organization/./members.xhtml",
                    "//organization/members.xhtml",
                    "/admin;x/tenants.xhtml",
                    "/ADMIN/tenants.xhtml",
                    "/%61dmin/tenants.xhtml",
                    "/datanets/../admin/tenants.xhtml",
                    "/admin/./audit.xhtml")) {
                HttpResponse<String> answer = raw("GET", path, cookie, null);
                assertThat(answer.statusCode()).as(path).isIn(400, 403, 404);
                assertThat(answer.body())
                        .as(path)
                        .doesNotContain("vera@acme.test")
                        .doesNotContain("Globex");
            }
        }
    }

    @Test
    void onlyOrgAdminsSeeColleaguesEmailsAndSignInTimes() {
        Api carlos = Api.as("carlos@acme.test");
        List<JsonObject> seen = carlos.get("/members").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(seen).hasSizeGreaterThan(3);
        String self = carlos.get("/members/me").object().getString("id");
        for (JsonObject m : seen) {
            assertThat(m.containsKey("roles")).isTrue();
            assertThat(m.getString("publicName")).isNotBlank().doesNotContain("@");
            if (!m.getString("id").equals(self)) {
                assertThat(m.keySet()).as(m.toString()).doesNotContain("email", "lastSignIn", "invited");
            }
        }
        JsonObject me = carlos.get("/members/me").object();
        assertThat(me.getString("email")).isEqualTo("carlos@acme.test");
        String vera = Api.as("olivia@acme.test").memberId("vera@acme.test");
        assertThat(carlos.get("/members/" + vera).object().keySet()).doesNotContain("email", "lastSignIn");
        assertThat(carlos.get("/members/" + vera).body()).doesNotContain("vera@acme.test");
        // Org admins see everything.
        assertThat(Api.as("olivia@acme.test").get("/members/" + vera).object().getString("email"))
                .isEqualTo("vera@acme.test");
    }

    @Test
    void publicDataNetsShowOtherOrganizationsPeopleByPublicNameOnly() {
        Api mia = Api.as("mia@acme.test");
        Api gus = Api.as("gus@globex.test");
        Api carlos = Api.as("carlos@acme.test");
        Api vera = Api.as("vera@acme.test");

        // Members choose their public name; an e-mail address is refused; the default is a random pseudonym.
        assertThat(Api.as("gwen@globex.test").get("/members/me").object().getString("publicName"))
                .startsWith("Contributor ")
                .doesNotContainIgnoringCase("gwen");
        assertThat(gus.put("/members/me", "{\"publicName\":\"gus@globex.test\"}")
                        .status())
                .isEqualTo(400);
        assertThat(gus.put("/members/me", "{\"publicName\":\"  \"}").status()).isEqualTo(400);
        String gusName = "Clause Hunter " + UUID.randomUUID().toString().substring(0, 4);
        Api.Answer renamed = gus.put("/members/me", "{\"publicName\":\"" + gusName + "\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        String carlosName = carlos.get("/members/me").object().getString("publicName");

        Api.Answer created =
                mia.post("/datanets", """
                {"name":"Public names %s","domain":"testing","description":"Two organizations contribute.",
                 "tags":["test"],"recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PUBLIC",
                 "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":1000,
                 "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.object().getString("id");
        assertThat(gus.post(
                                "/datanets/" + id + "/records",
                                "{\"question\":\"What is a force majeure clause?\",\"answer\":\"It excuses a party"
                                        + " when events beyond its control prevent performance.\"}")
                        .status())
                .isEqualTo(201);
        assertThat(carlos.post(
                                "/datanets/" + id + "/records",
                                "{\"question\":\"How long do red blood cells live?\",\"answer\":\"About one"
                                        + " hundred and twenty days in the bloodstream.\"}")
                        .status())
                .isEqualTo(201);

        // The owner's validator sees the other tenant's contributor by public name, a colleague by e-mail.
        Api.Answer queue = vera.get("/datanets/" + id + "/queue");
        assertThat(queue.body()).contains(gusName, "carlos@acme.test").doesNotContain("@globex.test");
        queue.array()
                .forEach(c -> vera.post(
                        "/contributions/" + c.asJsonObject().getString("id") + "/reviews",
                        "{\"verdict\":\"approve\",\"reason\":\"correct\"}"));
        Api.Answer release = mia.post("/datanets/" + id + "/releases", "");
        assertThat(release.status()).as(release.body()).isEqualTo(201);

        // The owner's organization: no Globex e-mail anywhere.
        for (String path : List.of("/overview", "/releases", "/releases/1/export")) {
            assertThat(mia.get("/datanets/" + id + path).body()).as(path).doesNotContain("@globex.test");
        }
        assertThat(mia.get("/datanets/" + id + "/overview").body()).contains(gusName);
        assertThat(mia.get("/datanets/" + id + "/releases/1/export").body()).contains(gusName);

        // The other organization: no Acme e-mail anywhere, Acme's people by their public names.
        String gusRecord = gus.all("/contributions/mine").stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("dataNetId").equals(id))
                .findFirst()
                .orElseThrow()
                .getString("id");
        for (String path : List.of(
                "/datanets/" + id + "/overview",
                "/datanets/" + id + "/releases",
                "/datanets/" + id + "/releases/1/export",
                "/datanets/" + id + "/releases/1/proofs/" + gusRecord,
                "/contributions/" + gusRecord + "/reviews",
                "/contributions/" + gusRecord)) {
            Api.Answer answer = gus.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).doesNotContain("@acme.test");
        }
        assertThat(gus.get("/datanets/" + id + "/overview").body()).contains(carlosName);
        assertThat(gus.get("/datanets/" + id + "/releases/1/export").body()).contains(carlosName);

        // The same in the browser: the owner's DataNet page as a Globex member.
        try (Browser browser = new Browser().signIn("gus@globex.test")) {
            browser.open("/datanets/datanet.xhtml?id=" + id);
            browser.find(By.id("page-title"));
            assertThat(browser.page()).doesNotContain("@acme.test");
        }
    }

    @Test
    void theApplicationsDatabaseRoleCannotChangeTheSchemaNorRewriteHistory() throws SQLException {
        try (Connection app = DriverManager.getConnection(
                        Api.PORTS.jdbcUrl("tributary"), DevStack.APP_DB_USER, DevStack.APP_DB_PASSWORD);
                Statement st = app.createStatement()) {
            // It works with rows...
            try (ResultSet rs = st.executeQuery("select count(*) from member")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isPositive();
            }
            // ...but creates, alters and drops nothing, and cannot rewrite the audit log or the migrations' record.
            for (String ddl : List.of(
                    "create table intruder (id int)",
                    "alter table member add column intruder int",
                    "drop table member",
                    "drop trigger audit_entry_append_only on audit_entry",
                    "truncate audit_entry",
                    "delete from audit_entry",
                    "update audit_entry set detail = 'rewritten'",
                    "delete from flyway_schema_history",
                    "create function intruder() returns int language sql as 'select 1'")) {
                assertThatThrownBy(() -> st.execute(ddl))
                        .as(ddl)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        }
    }
}
