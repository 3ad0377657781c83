package io.tributary.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.Actor;
import io.tributary.persistence.tenancy.Role;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageAccessTest {

    private static final UUID ACME = UUID.randomUUID();
    private static final Actor CONTRIBUTOR =
            new Actor(ACME, UUID.randomUUID(), "c@acme.test", EnumSet.of(Role.CONTRIBUTOR));
    private static final Actor ORG_ADMIN =
            new Actor(ACME, UUID.randomUUID(), "o@acme.test", EnumSet.of(Role.ORG_ADMIN));
    private static final Actor STAFF = new Actor(null, null, "p@tributary.test", EnumSet.of(Role.PLATFORM_ADMIN));
    private static final Actor STAFF_IN_TENANT =
            new Actor(ACME, UUID.randomUUID(), "p@acme.test", EnumSet.of(Role.PLATFORM_ADMIN, Role.CONTRIBUTOR));

    @Test
    void organizationPagesAreForOrgAdminsInAnyCase() {
        for (String path :
                new String[] {"/organization/members.xhtml", "/ORGANIZATION/members.xhtml", "/Organization/x"}) {
            assertThat(PageAccess.refusal(path, CONTRIBUTOR)).as(path).isPresent();
            assertThat(PageAccess.refusal(path, null)).as(path).isPresent();
            assertThat(PageAccess.refusal(path, ORG_ADMIN)).as(path).isEmpty();
        }
    }

    @Test
    void theAdminConsoleIsForStaffOutsideAnyTenant() {
        for (String path : new String[] {"/admin/tenants.xhtml", "/ADMIN/tenants.xhtml", "/Admin/audit.xhtml"}) {
            assertThat(PageAccess.refusal(path, CONTRIBUTOR)).as(path).isPresent();
            assertThat(PageAccess.refusal(path, ORG_ADMIN)).as(path).isPresent();
            assertThat(PageAccess.refusal(path, STAFF_IN_TENANT)).as(path).isPresent();
            assertThat(PageAccess.refusal(path, STAFF)).as(path).isEmpty();
        }
    }

    @Test
    void dataNetsAndWalletsNeedATenant() {
        assertThat(PageAccess.refusal("/datanets/index.xhtml", STAFF)).isPresent();
        assertThat(PageAccess.refusal("/REWARDS/wallet.xhtml", STAFF)).isPresent();
        assertThat(PageAccess.refusal("/datanets/index.xhtml", CONTRIBUTOR)).isEmpty();
        assertThat(PageAccess.refusal("/index.xhtml", CONTRIBUTOR)).isEmpty();
        assertThat(PageAccess.refusal("/profile.xhtml", CONTRIBUTOR)).isEmpty();
    }
}
