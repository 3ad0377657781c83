package io.tributary.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Secrets have no built-in values outside the dev profile. Runs without TRIBUTARY_* variables in the environment. */
class SettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty(Settings.PROFILE.property());
        System.clearProperty(Settings.KEYCLOAK_ADMIN_SECRET.property());
    }

    @Test
    void outsideTheDevProfileAMissingSecretIsRefusedByName() {
        System.setProperty(Settings.PROFILE.property(), "production");
        assertThatThrownBy(Settings.KEYCLOAK_ADMIN_SECRET::value)
                .hasMessageContaining("TRIBUTARY_KEYCLOAK_ADMIN_SECRET")
                .hasMessageContaining("tributary.keycloak.admin-secret")
                .hasMessageNotContaining("tributary-admin-dev-secret");
        assertThat(Settings.missingSecrets())
                .contains(Settings.KEYCLOAK_ADMIN_SECRET, Settings.OIDC_SECRET, Settings.DB_PASSWORD);
        assertThatThrownBy(() -> new SecretSettings().check()).hasMessageContaining("TRIBUTARY_OIDC_SECRET");

        System.setProperty(Settings.KEYCLOAK_ADMIN_SECRET.property(), "from-the-vault");
        assertThat(Settings.KEYCLOAK_ADMIN_SECRET.value()).isEqualTo("from-the-vault");
        assertThat(Settings.missingSecrets()).doesNotContain(Settings.KEYCLOAK_ADMIN_SECRET);
    }

    @Test
    void theProductionProfileIsTheDefault() {
        assertThat(Settings.isDevProfile()).isFalse();
        assertThatThrownBy(Settings.OIDC_SECRET::value).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDevProfileFallsBackToThePublishedDevSecrets() {
        System.setProperty(Settings.PROFILE.property(), "dev");
        assertThat(Settings.KEYCLOAK_ADMIN_SECRET.value()).isEqualTo("tributary-admin-dev-secret");
        assertThat(Settings.missingSecrets()).isEmpty();
        new SecretSettings().check();
    }
}
