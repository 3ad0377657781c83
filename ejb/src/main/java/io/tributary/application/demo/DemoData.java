package io.tributary.application.demo;

import io.tributary.application.Actor;
import io.tributary.application.Settings;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.application.tenancy.OrganizationDirectory;
import io.tributary.application.tenancy.SsoService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Seeds the demo tenants (Keycloak's imported organizations) and their members' roles, once; a restart finds them and
 * changes nothing. Only when {@link Settings#DEMO} is on.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    private static final Actor SEEDER = new Actor(null, null, "demo-seed", EnumSet.of(Role.PLATFORM_ADMIN));

    /** The domain of the demo's enterprise SSO (the globex-corp realm), approved for Globex ahead. */
    static final String SSO_DOMAIN = "globex-corp.test";

    /** A demo person: e-mail as imported into Keycloak, and their roles in Tributary. */
    record DemoMember(String email, String name, Set<Role> roles) {}

    /** A demo organization and its people. */
    record DemoTenant(String alias, String name, List<DemoMember> members) {}

    static final List<DemoTenant> TENANTS = List.of(
            new DemoTenant(
                    "acme",
                    "Acme Health",
                    List.of(
                            new DemoMember("olivia@acme.test", "Olivia Admin", EnumSet.of(Role.ORG_ADMIN)),
                            new DemoMember("carlos@acme.test", "Carlos Contributor", EnumSet.of(Role.CONTRIBUTOR)),
                            new DemoMember("vera@acme.test", "Vera Validator", EnumSet.of(Role.VALIDATOR)),
                            new DemoMember("victor@acme.test", "Victor Validator", EnumSet.of(Role.VALIDATOR)),
                            new DemoMember("mia@acme.test", "Mia Builder", EnumSet.of(Role.MODEL_BUILDER)))),
            new DemoTenant(
                    "globex",
                    "Globex Legal",
                    List.of(
                            new DemoMember("gina@globex.test", "Gina Admin", EnumSet.of(Role.ORG_ADMIN)),
                            new DemoMember("gus@globex.test", "Gus Contributor", EnumSet.of(Role.CONTRIBUTOR)),
                            new DemoMember("gwen@globex.test", "Gwen Validator", EnumSet.of(Role.VALIDATOR)))));

    @Inject
    TenantService tenantService;

    @Inject
    MembershipService membership;

    @Inject
    SsoService sso;

    @Inject
    OrganizationDirectory directory;

    @Inject
    DemoDataNets dataNets;

    @Inject
    DemoRewards rewards;

    private volatile boolean rewardsDone;

    /** The demo's money moves on chain, so it advances in steps as blocks confirm. */
    @Schedule(hour = "*", minute = "*", second = "*/3", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void advanceRewards() {
        if (rewardsDone || !Settings.DEMO.enabled()) return;
        try {
            rewardsDone = rewards.advance();
            if (rewardsDone) LOG.info("Demo rewards ready: wallets funded, earnings granted, first payout sent.");
        } catch (RuntimeException e) {
            LOG.fine("Demo rewards not ready yet: " + e);
        }
    }

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void seed() {
        if (!Settings.DEMO.enabled()) {
            return;
        }
        List<Tenant> tenants = new java.util.ArrayList<>();
        for (DemoTenant demo : TENANTS) {
            Tenant tenant = tenantService.adopt(SEEDER, demo.alias(), demo.name());
            TenantContext.as(tenant.getId(), () -> {
                // The realm's own domains (operator configuration) hold for their tenant like verified claims.
                directory
                        .domains(tenant.getKeycloakOrganizationId())
                        .forEach(d -> sso.recordVerified(SEEDER, tenant.getId(), d, "keycloak realm import"));
                if (demo.alias().equals("globex")) {
                    // The demo's SSO step: platform staff approved Globex's claim to its corporate domain ahead.
                    sso.recordVerified(SEEDER, tenant.getId(), SSO_DOMAIN, "demo seed (platform staff approval)");
                }
                demo.members().forEach(m -> membership.provision(m.email(), m.name(), m.roles()));
                return null;
            });
            tenants.add(tenant);
        }
        dataNets.seed(tenants.get(0), tenants.get(1));
        LOG.info("Demo tenants ready: acme, globex");
    }
}
