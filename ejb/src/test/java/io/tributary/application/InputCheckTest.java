package io.tributary.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tributary.persistence.tenancy.Role;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputCheckTest {

    @Test
    void collectsEveryProblemBeforeFailing() {
        InputCheck check = new InputCheck();
        check.email("email", "not an email");
        check.text("displayName", " ", 10);
        check.roles("roles", List.of("contributor", "platform-admin"));
        InvalidInput invalid = catchThrowableOfType(InvalidInput.class, check::done);
        assertThat(invalid.violations()).containsOnlyKeys("email", "displayName", "roles");
        assertThat(invalid.violations().get("displayName")).isEqualTo("Display name is required.");
        assertThat(invalid.violations().get("roles")).contains("'platform-admin'");
    }

    @Test
    void normalisesValidInput() {
        InputCheck check = new InputCheck();
        assertThat(check.email("email", "  Alice@Example.COM ")).isEqualTo("alice@example.com");
        assertThat(check.domain("domain", "Corp.Example.com")).isEqualTo("corp.example.com");
        assertThat(check.roles("roles", List.of("validator", "org-admin")))
                .containsExactlyInAnyOrder(Role.VALIDATOR, Role.ORG_ADMIN);
        check.done();
    }

    @Test
    void refusesOverlongTextControlCharactersAndEmptyRoles() {
        InputCheck check = new InputCheck();
        check.text("name", "x".repeat(101), 100);
        check.text("note", "line\u0000break", 100);
        check.roles("roles", List.of());
        check.domain("emailDomain", "no_dots");
        assertThatThrownBy(check::done)
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at most 100 characters")
                .hasMessageContaining("control characters")
                .hasMessageContaining("at least one role")
                .hasMessageContaining("not a domain name");
    }

    @Test
    void onlyTenantRolesAreGrantable() {
        assertThat(Arrays.stream(Role.values()).filter(Role::grantableByTenant))
                .containsExactly(Role.CONTRIBUTOR, Role.VALIDATOR, Role.MODEL_BUILDER, Role.ORG_ADMIN);
    }
}
