package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** People in a real browser: each role's landing page, tenant isolation, enterprise SSO, forms, suspension. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @Test
    void everyRoleLandsOnItsDashboard() {
        Map<String, String> roles = Map.of(
                "pat@tributary.test", "platform-admin",
                "olivia@acme.test", "org-admin",
                "carlos@acme.test", "contributor",
                "vera@acme.test", "validator",
                "mia@acme.test", "model-builder");
        roles.forEach((email, role) -> {
            try (Browser browser = new Browser().signIn(email)) {
                assertThat(browser.text(By.id("signed-in-as"))).isEqualTo(email);
                assertThat(browser.find(By.id("card-" + role)).isDisplayed()).isTrue();
                assertThat(browser.text(By.id("roles"))).contains(role);
                browser.screenshot("landing-" + role);
            }
        });
    }

    @Test
    void membersOfOneTenantNeverSeeAnothersAndGet404ForTheirIds() {
        String gus = Api.as("gina@globex.test").memberId("gus@globex.test");
        String carlos = Api.as("olivia@acme.test").memberId("carlos@acme.test");
        try (Browser browser = new Browser().signIn("olivia@acme.test")) {
            browser.open("/organization/members.xhtml");
            assertThat(browser.text(By.id("list:members")))
                    .contains("carlos@acme.test")
                    .doesNotContain("globex");
            browser.open("/organization/member.xhtml?id=" + carlos);
            assertThat(browser.text(By.id("member-email"))).isEqualTo("carlos@acme.test");
            browser.open("/organization/member.xhtml?id=" + gus);
            assertThat(browser.text(By.id("page-title"))).isEqualTo("Not found");
            assertThat(browser.page()).doesNotContain("gus@globex.test");
            browser.screenshot("other-tenant-404");
        }
        try (Browser browser = new Browser().signIn("gina@globex.test")) {
            browser.open("/organization/members.xhtml");
            assertThat(browser.text(By.id("list:members")))
                    .contains("gus@globex.test")
                    .doesNotContain("acme");
        }
        try (Browser browser = new Browser().signIn("carlos@acme.test")) {
            browser.open("/organization/members.xhtml");
            assertThat(browser.text(By.id("page-title"))).isEqualTo("Access refused");
        }
    }

    @Test
    void formsExplainBadInputAndKeepNothing() {
        try (Browser browser = new Browser().signIn("olivia@acme.test")) {
            browser.open("/organization/members.xhtml");
            browser.type(By.id("invite:email"), "not-an-email");
            browser.click(By.id("invite:send"));
            browser.waitForText(By.id("messages"), "is not an e-mail address");
            assertThat(browser.text(By.id("list:members"))).doesNotContain("not-an-email");
            browser.screenshot("invite-bad-email");

            browser.open("/organization/api-keys.xhtml");
            browser.click(By.id("issue:create"));
            browser.waitForText(By.id("messages"), "Name is required");

            browser.type(By.id("issue:name"), "nightly export");
            browser.click(By.id("issue:create"));
            assertThat(browser.text(By.id("secret"))).startsWith("trb_");
            assertThat(browser.text(By.id("keys:table"))).contains("nightly export");
        }
    }

    @Test
    void aCompanyUserSignsInThroughHerOrganizationsSso() {
        try (Browser admin = new Browser().signIn("gina@globex.test")) {
            admin.open("/organization/sso.xhtml");
            admin.type(By.id("connect:displayName"), "Globex Corporate");
            admin.type(By.id("connect:issuerUrl"), Api.PORTS.keycloakUrl() + "/realms/globex-corp");
            admin.type(By.id("connect:clientId"), "tributary-broker");
            admin.type(By.id("connect:clientSecret"), "globex-broker-secret");
            admin.type(By.id("connect:emailDomain"), "globex-corp.test");
            admin.click(By.xpath("//label[text()='validator']"));
            admin.click(By.xpath("//label[text()='contributor']"));
            admin.click(By.id("connect:save"));
            admin.waitForText(By.id("messages"), "Connected");
            assertThat(admin.text(By.id("connections:table"))).contains("globex-corp.test");
            admin.screenshot("sso-connected");
        }
        try (Browser hana = new Browser()) {
            hana.open("/");
            hana.type(By.id("username"), "hana@globex-corp.test");
            hana.click(By.id("kc-login"));
            // Keycloak sends her to the company's own sign-in page (the globex-corp realm).
            hana.find(By.id("password"));
            assertThat(hana.driver.getCurrentUrl()).contains("/realms/globex-corp/");
            hana.type(By.id("username"), "hana@globex-corp.test");
            hana.type(By.id("password"), "demo");
            hana.click(By.id("kc-login"));
            hana.find(By.id("signed-in-as"));
            assertThat(hana.text(By.id("brand-name"))).isEqualTo("Globex Legal");
            assertThat(hana.text(By.id("roles"))).contains("validator").doesNotContain("contributor");
            hana.screenshot("landing-sso-validator");
        }
        var roles = Api.as("gina@globex.test").get("/members").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("email").equals("hana@globex-corp.test"))
                .findFirst()
                .orElseThrow()
                .getJsonArray("roles");
        assertThat(roles.getString(0)).isEqualTo("validator");
    }

    @Test
    void aSuspendedTenantsMembersCannotSignIn() {
        Api pat = Api.as("pat@tributary.test");
        String globex = pat.tenantId("globex");
        assertThat(pat.post("/admin/tenants/" + globex + "/suspension", "{\"reason\":\"audit\"}")
                        .status())
                .isEqualTo(200);
        try (Browser gus = new Browser()) {
            gus.signIn("gus@globex.test");
            assertThat(gus.text(By.id("refusal"))).contains("suspended");
            gus.screenshot("suspended-refused");
        } finally {
            pat.post("/admin/tenants/" + globex + "/reactivation", "");
        }
        try (Browser admin = new Browser().signIn("pat@tributary.test")) {
            admin.open("/admin/tenants.xhtml");
            // States read as words ("Active"; it read "ACTIVE" before).
            assertThat(admin.text(By.id("list:tenants"))).contains("acme", "globex", "Active");
            admin.screenshot("admin-tenants");
        }
    }
}
