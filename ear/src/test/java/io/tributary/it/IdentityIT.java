package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.DevStack;
import io.tributary.devstack.TestPlatform;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The identity attacks of issue 11, performed against the real stack: claiming a domain without proof, taking over
 * accounts through invitations, signing in as another tenant's admin by changing one's e-mail, replacing the account
 * behind a member, unverified addresses, the issuer URL as a port scanner, foreign tokens as bearer tokens, and removing
 * a member who has history.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityIT {

    private static final Pattern LINK = Pattern.compile("/invitation/accept\\.xhtml\\?token=([A-Za-z0-9_-]+)");
    private static final String PASSWORD = "a long enough passphrase";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static String unique(String name, String domain) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    private static String connect(String name, String issuer, String domain) {
        return """
                {"displayName":"%s","issuerUrl":"%s","clientId":"tributary-broker","clientSecret":"globex-broker-secret",
                 "emailDomain":"%s","defaultRoles":["contributor"]}""".formatted(name, issuer, domain);
    }

    private static String invite(String email, String role) {
        return "{\"email\":\"" + email + "\",\"roles\":[\"" + role + "\"]}";
    }

    /** The token of the newest invitation link mailed to an address (the mail catcher's inbox). */
    private static String mailedToken(String email) throws Exception {
        List<MimeMessage> mails = Arrays.stream(TestPlatform.mail().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(r -> r.toString().equals(email));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
        assertThat(mails).as("mail to " + email).isNotEmpty();
        Matcher link = LINK.matcher(String.valueOf(mails.get(mails.size() - 1).getContent()));
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    private static Api.Answer accept(String token, String password) {
        return Api.anonymous()
                .post(
                        "/invitation-acceptances",
                        password == null
                                ? "{\"token\":\"" + token + "\"}"
                                : "{\"token\":\"" + token + "\",\"displayName\":\"New Person\",\"password\":\""
                                        + password + "\",\"passwordAgain\":\"" + password + "\"}");
    }

    private static JsonObject claim(Api api, String domain) {
        return api.get("/domain-claims").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("domain").equals(domain))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no claim to " + domain));
    }

    private static JsonObject connection(Api api, String domain) {
        return api.get("/sso-connections").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("emailDomain").equals(domain))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connection for " + domain));
    }

    private static List<String> audit(Api api) {
        return api.all("/audit").stream()
                .map(JsonValue::asJsonObject)
                .map(e -> e.getString("action") + " " + e.getString("outcome") + " " + e.getString("actor"))
                .toList();
    }

    @Test
    void aDomainCountsOnlyOnceProvenAndIsHeldByOneTenant() {
        Api olivia = Api.as("olivia@acme.test");
        Api gina = Api.as("gina@globex.test");
        KeycloakAdmin keycloak = new KeycloakAdmin();
        String issuer = Api.PORTS.keycloakUrl() + "/realms/globex-corp";

        // The attack: Acme claims a domain another tenant holds (Globex's, approved by staff; Acme's realm domain).
        assertThat(olivia.post("/sso-connections", connect("Stolen", issuer, "globex-corp.test"))
                        .status())
                .isEqualTo(409);
        assertThat(gina.post("/sso-connections", connect("Stolen", issuer, "acme.test"))
                        .status())
                .isEqualTo(409);
        assertThat(olivia.get("/sso-connections").body()).doesNotContain("globex-corp.test");
        assertThat(keycloak.domains("acme")).doesNotContain("globex-corp.test");

        // A domain nobody holds: the connection is saved but redirects and trusts nobody until proven.
        Api.Answer saved = olivia.post("/sso-connections", connect("Initrode", issuer, "initrode.test"));
        assertThat(saved.status()).isEqualTo(201);
        String connectionId = saved.object().getString("id");
        try {
            assertThat(saved.object().getBoolean("active")).isFalse();
            assertThat(keycloak.domains("acme")).noneMatch(d -> d.startsWith("initrode.test"));
            JsonObject idp = keycloak.get("/identity-provider/instances/acme-initrode-test")
                    .object();
            assertThat(idp.getBoolean("enabled")).isFalse();
            assertThat(idp.getBoolean("trustEmail")).isFalse();
            JsonObject claim = claim(olivia, "initrode.test");
            assertThat(claim.getString("status")).isEqualTo("pending");
            assertThat(claim.getString("recordName")).isEqualTo("_tributary-challenge.initrode.test");

            // Held while pending: another tenant cannot claim it.
            assertThat(gina.post("/sso-connections", connect("Mine", issuer, "initrode.test"))
                            .status())
                    .isEqualTo(409);

            String check = "/domain-claims/" + claim.getString("id") + "/dns-check";
            Api.Answer missing = olivia.post(check, "");
            assertThat(missing.status()).isEqualTo(409);
            assertThat(missing.object().getString("detail")).contains("_tributary-challenge.initrode.test");
            TestPlatform.dns().publishTxt(claim.getString("recordName"), "tributary-domain-verification=guessed");
            assertThat(olivia.post(check, "").status()).isEqualTo(409);
            assertThat(gina.post(check, "").status()).isEqualTo(404);
            assertThat(claim(olivia, "initrode.test").getString("status")).isEqualTo("pending");

            TestPlatform.dns().publishTxt(claim.getString("recordName"), claim.getString("recordValue"));
            Api.Answer verified = olivia.post(check, "");
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.object().getString("status")).isEqualTo("verified");
            assertThat(verified.object().getString("decidedBy")).isEqualTo("dns");
            assertThat(connection(olivia, "initrode.test").getBoolean("active")).isTrue();
            assertThat(keycloak.domains("acme")).contains("initrode.test");
            idp = keycloak.get("/identity-provider/instances/acme-initrode-test")
                    .object();
            assertThat(idp.getBoolean("enabled")).isTrue();
            assertThat(idp.getBoolean("trustEmail")).isTrue();
            assertThat(audit(olivia)).contains("domain.verify SUCCESS olivia@acme.test");
        } finally {
            olivia.delete("/sso-connections/" + connectionId);
            TestPlatform.dns().remove("_tributary-challenge.initrode.test");
        }
    }

    /** The attack: an admin claims another company's domain and never proves it, keeping everyone else out. */
    @Test
    void anUnprovenClaimStopsHoldingADomainAfterAWeek() throws Exception {
        Api gina = Api.as("gina@globex.test");
        Api olivia = Api.as("olivia@acme.test");
        String issuer = Api.PORTS.keycloakUrl() + "/realms/globex-corp";
        String domain = "squatted-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
        Api.Answer squat = gina.post("/sso-connections", connect("Squat", issuer, domain));
        assertThat(squat.status()).as(squat.body()).isEqualTo(201);
        try {
            Api.Answer early = olivia.post("/sso-connections", connect("Ours", issuer, domain));
            assertThat(early.status()).as(early.body()).isEqualTo(409);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                            Api.PORTS.jdbcUrl("tributary"), DevStack.DB_USER, DevStack.DB_PASSWORD);
                    var backdate = c.prepareStatement("update domain_claim set created_at = now() - interval '8 days'"
                            + " where domain = ? and status = 'PENDING'")) {
                backdate.setString(1, domain);
                assertThat(backdate.executeUpdate()).isEqualTo(1);
            }
            Api.Answer later = olivia.post("/sso-connections", connect("Ours", issuer, domain));
            assertThat(later.status()).as(later.body()).isEqualTo(201);
            assertThat(claim(olivia, domain).getString("status")).isEqualTo("pending");
            olivia.delete("/sso-connections/" + later.object().getString("id"));
        } finally {
            gina.delete("/sso-connections/" + squat.object().getString("id"));
        }
    }

    @Test
    void platformStaffApproveAClaimTheOrganizationCannotProveByDns() {
        Api gina = Api.as("gina@globex.test");
        Api pat = Api.as("pat@tributary.test");
        String domain = "globex-law-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
        Api.Answer saved =
                gina.post("/sso-connections", connect("Law", Api.PORTS.keycloakUrl() + "/realms/globex-corp", domain));
        assertThat(saved.status()).isEqualTo(201);
        try {
            String id = pat.get("/admin/domain-claims").array().stream()
                    .map(JsonValue::asJsonObject)
                    .filter(c -> c.getString("domain").equals(domain))
                    .findFirst()
                    .orElseThrow()
                    .getString("id");
            assertThat(gina.post("/admin/domain-claims/" + id + "/approval", "").status())
                    .isEqualTo(403);
            assertThat(connection(gina, domain).getBoolean("active")).isFalse();

            Api.Answer approved = pat.post("/admin/domain-claims/" + id + "/approval", "");
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.object().getString("status")).isEqualTo("verified");
            assertThat(approved.object().getString("decidedBy")).isEqualTo("pat@tributary.test");
            assertThat(connection(gina, domain).getBoolean("active")).isTrue();
            assertThat(new KeycloakAdmin().domains("globex")).contains(domain);
            assertThat(pat.post("/admin/domain-claims/" + id + "/approval", "").status())
                    .isEqualTo(409);
            assertThat(pat.get("/admin/domain-claims").body()).doesNotContain(domain);
        } finally {
            gina.delete("/sso-connections/" + saved.object().getString("id"));
        }
    }

    @Test
    void anInvitationTakesEffectOnlyWhenTheInvitedPersonAcceptsItsMailedLink() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        // The attack: an Acme admin invites Globex's contributor. Before, that attached his account to Acme at once
        // and left him belonging to two organizations, locked out of both.
        Api.Answer invited = olivia.post("/members", invite("gus@globex.test", "validator"));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().toLowerCase()).doesNotContain("password");
        String memberId = invited.object().getJsonObject("member").getString("id");
        try {
            JsonObject gusAtHome =
                    Api.as("gus@globex.test").get("/organization/me").object();
            assertThat(gusAtHome.getString("tenantAlias")).isEqualTo("globex");

            String token = mailedToken("gus@globex.test");
            assertThat(accept("not-the-token", null).status()).isEqualTo(404);
            assertThat(accept(token, null).status()).isEqualTo(200);
            assertThat(accept(token, null).status()).isEqualTo(409);

            // Two organizations: he chooses; neither locks him out.
            Api gus = Api.as("gus@globex.test");
            Api.Answer ambiguous = gus.get("/organization/me");
            assertThat(ambiguous.status()).isEqualTo(403);
            assertThat(ambiguous.object().getString("detail")).contains("X-Tributary-Organization");
            assertThat(gus.in("globex").get("/organization/me").object().getString("tenantAlias"))
                    .isEqualTo("globex");
            JsonObject atAcme = gus.in("acme").get("/organization/me").object();
            assertThat(atAcme.getString("tenantAlias")).isEqualTo("acme");
            assertThat(atAcme.getJsonArray("roles").getString(0)).isEqualTo("validator");
            assertThat(olivia.get("/invitations").body()).contains("gus@globex.test", "accepted");

            // The attack with two memberships: Gus contributes to Acme's public DataNet as Globex's member, then
            // approves his own record as Acme's validator. Reviews compare people, not memberships.
            Api.Answer created = Api.as("mia@acme.test").post("/datanets", """
                    {"name":"Two hats %s","domain":"testing","description":"A DataNet made by a test.","tags":["test"],
                     "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PUBLIC",
                     "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":1000,
                     "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                     "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                    """.formatted(UUID.randomUUID()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String dataNet = created.object().getString("id");
            Api.Answer contributed = gus.in("globex")
                    .post(
                            "/datanets/" + dataNet + "/records",
                            "{\"question\":\"Who reviews this?\",\"answer\":\"Someone else than its author.\"}");
            assertThat(contributed.status()).as(contributed.body()).isEqualTo(201);
            String record = gus.in("globex").all("/contributions/mine").stream()
                    .filter(r -> r.getJsonObject("fields").toString().contains("Someone else than its author"))
                    .findFirst()
                    .orElseThrow()
                    .getString("id");
            Api.Answer ownVote = gus.in("acme")
                    .post("/contributions/" + record + "/reviews", "{\"verdict\":\"approve\",\"reason\":\"fine\"}");
            assertThat(ownVote.status()).as(ownVote.body()).isEqualTo(403);
            assertThat(gus.in("globex").get("/contributions/" + record).object().getString("status"))
                    .isEqualTo("IN_REVIEW");

            try (Browser browser = new Browser().signIn("gus@globex.test")) {
                browser.click(By.xpath("//input[@value='Acme Health']"));
                assertThat(browser.text(By.id("brand-name"))).isEqualTo("Acme Health");
                browser.screenshot("organization-picker-chose-acme");
            }
        } finally {
            assertThat(olivia.delete("/members/" + memberId).status()).isEqualTo(204);
        }
        assertThat(Api.as("gus@globex.test").get("/organization/me").object().getString("tenantAlias"))
                .isEqualTo("globex");
    }

    @Test
    void aNewPersonChoosesTheirOwnPasswordOnTheAcceptPage() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        String nora = unique("nora", "acme.test");
        Api.Answer invited = olivia.post("/members", invite(nora, "validator"));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().toLowerCase()).doesNotContain("password");
        String token = mailedToken(nora);

        Api.Answer tooShort = accept(token, "short");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.object().getJsonObject("errors").keySet()).contains("password");

        try (Browser browser = new Browser()) {
            browser.open("/invitation/accept.xhtml?token=" + token);
            assertThat(browser.text(By.id("invitation-summary"))).contains("Acme Health", nora);
            browser.type(By.id("accept:displayName"), "Nora Newcomer");
            browser.type(By.id("accept:password"), PASSWORD);
            browser.type(By.id("accept:passwordAgain"), PASSWORD);
            browser.click(By.id("accept:join"));
            assertThat(browser.text(By.id("accepted"))).contains("You joined Acme Health");
            browser.screenshot("invitation-accepted");
        }
        JsonObject me = Api.as(nora, PASSWORD).get("/organization/me").object();
        assertThat(me.getString("tenantAlias")).isEqualTo("acme");
        assertThat(me.getJsonArray("roles").getString(0)).isEqualTo("validator");
        assertThat(accept(token, PASSWORD).status()).isEqualTo(409);
    }

    @Test
    void changingOnesEmailToAnAddressInvitedElsewhereGrantsNothingThere() {
        String boss = unique("boss", "globex.test");
        KeycloakAdmin keycloak = new KeycloakAdmin();
        String carlosId = keycloak.user("carlos@acme.test").getString("id");
        try {
            // The attack: Acme's contributor takes the address Globex is about to invite as its admin...
            String access = Api.tokens("carlos@acme.test", "demo").getString("access_token");
            Api.Answer change =
                    Api.call(HttpRequest.newBuilder(URI.create(Api.PORTS.keycloakUrl() + "/realms/tributary/account/"))
                            .header("Authorization", "Bearer " + access)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"carlos@acme.test\",\"email\":\""
                                    + boss + "\",\"firstName\":\"Carlos\",\"lastName\":\"Contributor\"}")));
            // Users cannot change their address in this realm (and a change would have to be verified first).
            assertThat(keycloak.user("carlos@acme.test").getString("email"))
                    .as("Keycloak answered " + change.status())
                    .isEqualTo("carlos@acme.test");

            // ...then Globex invites that address as org admin.
            assertThat(Api.as("gina@globex.test")
                            .post("/members", invite(boss, "org-admin"))
                            .status())
                    .isEqualTo(201);

            Api carlos = Api.as("carlos@acme.test");
            JsonObject me = carlos.get("/organization/me").object();
            assertThat(me.getString("tenantAlias")).isEqualTo("acme");
            assertThat(me.getJsonArray("roles").toString()).doesNotContain("org-admin");
            assertThat(carlos.in("globex").get("/organization/me").status()).isEqualTo(403);
            assertThat(carlos.in("globex").get("/members").status()).isEqualTo(403);
        } finally {
            JsonObject user = keycloak.get("/users/" + carlosId).object();
            if (!user.getString("email").equals("carlos@acme.test")) {
                keycloak.put(
                        "/users/" + carlosId,
                        Json.createObjectBuilder(user)
                                .add("email", "carlos@acme.test")
                                .add("emailVerified", true)
                                .build()
                                .toString());
            }
        }
    }

    @Test
    void aMemberBoundToOneAccountIsNeverTakenOverByAnotherWithTheSameAddress() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        String sam = unique("sam", "acme.test");
        assertThat(olivia.post("/members", invite(sam, "org-admin")).status()).isEqualTo(201);
        assertThat(accept(mailedToken(sam), PASSWORD).status()).isEqualTo(200);
        assertThat(Api.as(sam, PASSWORD).get("/organization/me").status()).isEqualTo(200);

        // Someone with power over the directory replaces the account: same address, same organization, new subject.
        KeycloakAdmin keycloak = new KeycloakAdmin();
        assertThat(keycloak.delete("/users/" + keycloak.user(sam).getString("id"))
                        .status())
                .isEqualTo(204);
        keycloak.addToOrganization("acme", keycloak.createUser(sam, true, "another passphrase!"));

        Api.Answer impostor = Api.as(sam, "another passphrase!").get("/organization/me");
        assertThat(impostor.status()).isEqualTo(403);
        assertThat(impostor.object().getString("detail")).contains("another account");
        assertThat(audit(olivia)).contains("sign-in DENIED " + sam);
    }

    @Test
    void anUnverifiedAddressSignsInNowhere() {
        KeycloakAdmin keycloak = new KeycloakAdmin();
        String uma = unique("uma", "acme.test");
        // Only with e-mail verification off (a misconfigured realm, or an identity provider that does not verify)
        // can such a token exist at all; Tributary refuses it on its own.
        assertThat(keycloak.put("", "{\"verifyEmail\":false}").status()).isEqualTo(204);
        try {
            keycloak.addToOrganization("acme", keycloak.createUser(uma, false, PASSWORD));
            Api.Answer refused = Api.as(uma, PASSWORD).get("/organization/me");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.object().getString("detail")).contains("not verified");
        } finally {
            keycloak.put("", "{\"verifyEmail\":true}");
        }
        assertThat(Api.as("pat@tributary.test").all("/admin/audit").toString()).contains(uma);
    }

    @Test
    void removingAMemberWithEarningsKeepsTheirHistoryAndEndsTheirAccess() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        String rita = unique("rita", "acme.test");
        Api.Answer invited = olivia.post("/members", invite(rita, "contributor"));
        String id = invited.object().getJsonObject("member").getString("id");
        assertThat(accept(mailedToken(rita), PASSWORD).status()).isEqualTo(200);
        Api ritaApi = Api.as(rita, PASSWORD);
        assertThat(ritaApi.get("/earnings").status()).isEqualTo(200); // opens her ledger accounts
        // The attack: a personal access token issued before removal still read the organization's data after it.
        Api.Answer token = ritaApi.post("/tokens", "{\"name\":\"laptop\",\"expiresInDays\":30}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        Api ritaToken = Api.withKey(token.object().getString("secret"));
        assertThat(ritaToken.get("/datanets").status()).isEqualTo(200);

        assertThat(olivia.delete("/members/" + id).status()).isEqualTo(204);
        assertThat(olivia.get("/members/" + id).status()).isEqualTo(404);
        assertThat(olivia.get("/members").body()).doesNotContain(rita);
        assertThat(ritaApi.get("/organization/me").status()).isEqualTo(403);
        assertThat(Api.as(rita, PASSWORD).get("/organization/me").status()).isEqualTo(403);
        assertThat(ritaToken.get("/datanets").status())
                .as("her token ended with her membership")
                .isEqualTo(401);
        String acme = new KeycloakAdmin().organization("acme").getString("id");
        assertThat(new KeycloakAdmin()
                        .get("/organizations/" + acme + "/members?max=1000")
                        .body())
                .doesNotContain(rita);
        assertThat(audit(olivia)).contains("member.remove SUCCESS olivia@acme.test");

        // The tombstone keeps the address for the audit trail, and a new invitation starts afresh.
        assertThat(olivia.post("/members", invite(rita, "validator")).status()).isEqualTo(201);
    }

    @Test
    void theIssuerUrlNeverReachesTheServersOwnNetworkNorEchoesWhatAnswered() {
        Api gina = Api.as("gina@globex.test");
        for (String url : List.of(
                "http://localhost:" + (9990 + 1000) + "/management",
                "https://127.0.0.1:" + Api.PORTS.http() + "/api",
                "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/realms/x",
                "http://example.com/realms/x",
                Api.PORTS.keycloakUrl() + "/realms/no-such-realm")) {
            Api.Answer refused = gina.post("/sso-connections", connect("Probe", url, "probe.test"));
            assertThat(refused.status()).as(url).isEqualTo(400);
            String message = refused.object().getJsonObject("errors").getString("issuerUrl");
            assertThat(message).as(url).contains("discovery").doesNotContain("answered", "401", "404", "200");
        }
        assertThat(gina.get("/sso-connections").body()).doesNotContain("probe.test");
        assertThat(gina.get("/domain-claims").body()).doesNotContain("probe.test");
    }

    @Test
    void onlyTributaryAccessTokensAreAcceptedAsBearerTokens() {
        JsonObject tokens = Api.tokens("olivia@acme.test", "demo");
        Api.Answer withIdToken = Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/api/organization/me"))
                .header("Authorization", "Bearer " + tokens.getString("id_token")));
        assertThat(withIdToken.status()).isEqualTo(401);
        KeycloakAdmin keycloak = new KeycloakAdmin();
        Api.Answer otherClient = Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/api/organization/me"))
                .header("Authorization", "Bearer " + keycloak.token()));
        assertThat(otherClient.status()).isEqualTo(401);
        assertThat(Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/api/organization/me"))
                                .header("Authorization", "Bearer " + tokens.getString("access_token")))
                        .status())
                .isEqualTo(200);

        // The realm: no password grant for the web client, brute-force protection, TLS outside private networks.
        Api.Answer passwordGrant = Api.keycloakToken(Map.of(
                "client_id", "tributary-web",
                "client_secret", "tributary-web-dev-secret",
                "grant_type", "password",
                "username", "olivia@acme.test",
                "password", "demo"));
        assertThat(passwordGrant.status()).isIn(400, 401);
        assertThat(passwordGrant.body()).contains("unauthorized_client");
        JsonObject realm = keycloak.get("").object();
        assertThat(realm.getBoolean("bruteForceProtected")).isTrue();
        assertThat(realm.getString("sslRequired")).isEqualTo("external");
        assertThat(realm.getBoolean("verifyEmail")).isTrue();
    }
}
