package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API on the real stack: tenant isolation, API keys, bad input, audit, suspension. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static List<String> emails(Api api) {
        return api.get("/members").array().stream()
                .map(v -> v.asJsonObject().getString("email"))
                .toList();
    }

    @Test
    void bearerTokensActInTheUsersOrganization() {
        JsonObject me = Api.as("olivia@acme.test").get("/organization/me").object();
        assertThat(me.getString("tenantAlias")).isEqualTo("acme");
        assertThat(me.getJsonArray("roles").getString(0)).isEqualTo("org-admin");
    }

    @Test
    void eachTenantSeesOnlyItsOwnMembersAndGets404ForTheOthers() {
        Api acme = Api.as("olivia@acme.test");
        Api globex = Api.as("gina@globex.test");
        assertThat(emails(acme)).contains("carlos@acme.test").noneMatch(e -> e.endsWith("@globex.test"));
        assertThat(emails(globex)).contains("gus@globex.test").noneMatch(e -> e.endsWith("@acme.test"));

        String gus = globex.memberId("gus@globex.test");
        Api.Answer crossTenant = acme.get("/members/" + gus);
        assertThat(crossTenant.status()).isEqualTo(404);
        assertThat(crossTenant.contentType()).startsWith("application/problem+json");
        assertThat(globex.get("/members/" + gus).status()).isEqualTo(200);
        assertThat(acme.put("/members/" + gus + "/roles", "{\"roles\":[\"validator\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(acme.delete("/members/" + gus).status()).isEqualTo(404);
        assertThat(emails(globex)).contains("gus@globex.test");
    }

    @Test
    void apiKeysActForTheirTenantWithTheirRolesUntilRevoked() {
        Api olivia = Api.as("olivia@acme.test");
        Api.Answer issued = olivia.post("/api-keys", "{\"name\":\"ingest bot\",\"roles\":[\"contributor\"]}");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.object().getString("secret");
        String keyId = issued.object().getJsonObject("key").getString("id");
        assertThat(secret).startsWith("trb_");
        assertThat(olivia.get("/api-keys").body()).doesNotContain(secret);

        Api key = Api.withKey(secret);
        assertThat(key.get("/organization/me").object().getString("tenantAlias"))
                .isEqualTo("acme");
        // A contributor key lists its organization's members by public name and roles, without e-mails (HardeningIT).
        assertThat(key.get("/members").array())
                .isNotEmpty()
                .allMatch(m -> !m.asJsonObject().containsKey("email"));
        // another tenant's ids are invisible to this key
        String gus = Api.as("gina@globex.test").memberId("gus@globex.test");
        assertThat(key.get("/members/" + gus).status()).isEqualTo(404);
        // wrong role: a contributor key may not manage keys
        assertThat(key.get("/api-keys").status()).isEqualTo(403);
        assertThat(key.post("/api-keys", "{\"name\":\"escalate\",\"roles\":[\"org-admin\"]}")
                        .status())
                .isEqualTo(403);

        assertThat(olivia.delete("/api-keys/" + keyId).status()).isEqualTo(200);
        Api.Answer revoked = key.get("/organization/me");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.object().getString("detail")).contains("revoked");
        assertThat(Api.withKey("trb_not-a-key").get("/members").status()).isEqualTo(401);
        assertThat(Api.anonymous().get("/members").status()).isEqualTo(401);
    }

    @Test
    void badInputGetsAClearProblemAndStoresNothing() {
        Api olivia = Api.as("olivia@acme.test");
        List<String> before = emails(olivia);

        Api.Answer invalid = olivia.post("/members", "{\"email\":\"not-an-email\",\"roles\":[\"wizard\"]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.object().getJsonObject("errors").keySet()).containsExactlyInAnyOrder("email", "roles");

        assertThat(olivia.post("/members", "{\"email\": ").status()).isEqualTo(400);
        assertThat(olivia.post("/members", "").status()).isEqualTo(400);
        assertThat(olivia.post("/members", "{\"email\":\"x@acme.test\",\"roles\":[\"platform-admin\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(olivia.post("/members", "{\"email\":\"carlos@acme.test\",\"roles\":[\"validator\"]}")
                        .status())
                .isEqualTo(409);
        assertThat(olivia.get("/members/not-a-uuid").status()).isEqualTo(404);
        assertThat(emails(olivia)).isEqualTo(before);

        Api.Answer colour = olivia.put(
                "/organization/branding",
                "{\"displayName\":\"Acme\",\"primaryColour\":\"red\",\"mode\":\"sepia\",\"logo\":\"javascript:x\"}");
        assertThat(colour.status()).isEqualTo(400);
        assertThat(colour.object().getJsonObject("errors").keySet())
                .containsExactlyInAnyOrder("primaryColour", "mode", "logo");
        assertThat(olivia.get("/organization/branding").object().getString("primaryColour"))
                .isNotEqualTo("red");

        Api pat = Api.as("pat@tributary.test");
        Api.Answer alias = pat.post("/admin/tenants", "{\"alias\":\"Bad Alias!\",\"name\":\"\"}");
        assertThat(alias.status()).isEqualTo(400);
        assertThat(alias.object().getJsonObject("errors").keySet()).containsExactlyInAnyOrder("alias", "name");
    }

    @Test
    void invitingRoleChangesAndRemovalAreAudited() {
        Api olivia = Api.as("olivia@acme.test");
        Api.Answer invited = olivia.post(
                "/members", "{\"email\":\"Nadia@acme.test\",\"displayName\":\"Nadia\",\"roles\":[\"validator\"]}");
        assertThat(invited.status()).isEqualTo(201);
        JsonObject member = invited.object().getJsonObject("member");
        assertThat(member.getString("email")).isEqualTo("nadia@acme.test");
        assertThat(member.getBoolean("invited")).isTrue();
        // Changed with issue 11: no password is ever shown to the inviting admin; a one-time link goes by e-mail.
        assertThat(invited.object().containsKey("temporaryPassword")).isFalse();
        assertThat(invited.object().getJsonObject("invitation").getString("state"))
                .isEqualTo("pending");
        String id = member.getString("id");

        assertThat(olivia.put("/members/" + id + "/roles", "{\"roles\":[\"validator\",\"contributor\"]}")
                        .object()
                        .getJsonArray("roles")
                        .size())
                .isEqualTo(2);
        assertThat(olivia.delete("/members/" + id).status()).isEqualTo(204);
        assertThat(olivia.get("/members/" + id).status()).isEqualTo(404);

        Api.as("carlos@acme.test").get("/api-keys"); // a refused attempt

        List<String> log = olivia.all("/audit").stream()
                .map(e -> e.getString("action") + " " + e.getString("outcome") + " " + e.getString("actor"))
                .toList();
        assertThat(log)
                .contains(
                        "member.invite SUCCESS olivia@acme.test",
                        "member.roles SUCCESS olivia@acme.test",
                        "member.remove SUCCESS olivia@acme.test",
                        "api-key.list DENIED carlos@acme.test");
        assertThat(Api.as("gina@globex.test").all("/audit").toString()).doesNotContain("nadia@acme.test");
        assertThat(Api.as("carlos@acme.test").get("/audit").status()).isEqualTo(403);
        assertThat(Api.as("pat@tributary.test").all("/admin/audit").toString()).contains("nadia@acme.test");
    }

    @Test
    void aSuspendedTenantsUsersAndKeysAreRefusedUntilReactivated() {
        Api pat = Api.as("pat@tributary.test");
        Api gina = Api.as("gina@globex.test");
        String key = gina.post("/api-keys", "{\"name\":\"sync\",\"roles\":[\"contributor\"]}")
                .object()
                .getString("secret");
        String globex = pat.tenantId("globex");
        assertThat(gina.post("/admin/tenants/" + globex + "/suspension", "{\"reason\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(pat.post("/admin/tenants/" + globex + "/suspension", "{}").status())
                .isEqualTo(400);
        assertThat(pat.post("/admin/tenants/" + globex + "/suspension", "{\"reason\":\"unpaid invoices\"}")
                        .status())
                .isEqualTo(200);
        try {
            assertThat(Api.withKey(key).get("/organization/me").status()).isEqualTo(403);
            assertThat(Api.as("gina@globex.test").get("/organization/me").status())
                    .isEqualTo(403);
            assertThat(Api.as("olivia@acme.test").get("/organization/me").status())
                    .isEqualTo(200);
        } finally {
            assertThat(pat.post("/admin/tenants/" + globex + "/reactivation", "")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(Api.withKey(key).get("/organization/me").status()).isEqualTo(200);
        assertThat(pat.all("/admin/audit").toString()).contains("tenant.suspend", "tenant.reactivate");
    }

    @Test
    void staffRegisterTenantsInKeycloakToo() {
        Api pat = Api.as("pat@tributary.test");
        Api.Answer created = pat.post("/admin/tenants", "{\"alias\":\"initech\",\"name\":\"Initech\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(pat.post("/admin/tenants", "{\"alias\":\"initech\",\"name\":\"Initech again\"}")
                        .status())
                .isEqualTo(409);
        assertThat(Api.as("olivia@acme.test").get("/admin/tenants").status()).isEqualTo(403);
        assertThat(pat.get("/admin/tenants").body()).contains("initech", "acme", "globex");
        String acme = pat.tenantId("acme");
        assertThat(pat.get("/admin/tenants/" + acme + "/members").body())
                .contains("olivia@acme.test")
                .doesNotContain("globex");
        assertThat(Api.as("olivia@acme.test")
                        .get("/admin/tenants/" + acme + "/members")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void ssoConnectionsNeedAReachableProviderAndValidFields() {
        Api gina = Api.as("gina@globex.test");
        Api.Answer fields = gina.post("/sso-connections", "{\"issuerUrl\":\"ftp://x\",\"emailDomain\":\"nodot\"}");
        assertThat(fields.status()).isEqualTo(400);
        assertThat(fields.object().getJsonObject("errors").keySet())
                .contains("displayName", "issuerUrl", "clientId", "clientSecret", "emailDomain");
        Api.Answer unreachable = gina.post(
                "/sso-connections",
                "{\"displayName\":\"Nowhere\",\"issuerUrl\":\"http://127.0.0.1:9/realms/none\",\"clientId\":\"c\","
                        + "\"clientSecret\":\"s\",\"emailDomain\":\"nowhere.test\",\"defaultRoles\":[\"contributor\"]}");
        assertThat(unreachable.status()).isEqualTo(400);
        assertThat(unreachable.object().getJsonObject("errors").getString("issuerUrl"))
                .contains("discovery");
        assertThat(gina.get("/sso-connections").body()).doesNotContain("nowhere.test");
        assertThat(Api.as("gus@globex.test").get("/sso-connections").status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentIsServedWithoutCredentials() {
        Api.Answer document = Api.anonymous().get("/openapi.yaml");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).contains("openapi: 3.1.0", "/members/{id}", "/admin/tenants");
        assertThat(Api.anonymous().get("/no-such-thing").status()).isIn(401, 404);
    }
}
