package io.tributary.application.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.InvalidInput;
import io.tributary.application.Settings;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderAddressTest {

    @AfterEach
    void clear() {
        System.clearProperty(Settings.SSO_ALLOWED_ORIGINS.property());
    }

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "198.18.0.1"
        }) {
            assertThat(ProviderAddress.internal(InetAddress.getByName(internal)))
                    .as(internal)
                    .isTrue();
        }
        for (String external : new String[] {"8.8.8.8", "1.1.1.1", "2606:4700::1111", "100.128.0.1"}) {
            assertThat(ProviderAddress.internal(InetAddress.getByName(external)))
                    .as(external)
                    .isFalse();
        }
    }

    @Test
    void onlyHttpsToPublicAddressesUnlessTheOriginIsAllowedExactly() {
        for (String refused : new String[] {
            "http://8.8.8.8/x",
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://user@8.8.8.8/x",
            "ftp://8.8.8.8/",
            "https://169.254.169.254/latest",
            "http://localhost:9180/realms/x"
        }) {
            assertThatThrownBy(() -> ProviderAddress.check("issuerUrl", refused))
                    .as(refused)
                    .isInstanceOf(InvalidInput.class);
        }
        ProviderAddress.check("issuerUrl", "https://8.8.8.8/realms/x");

        System.setProperty(Settings.SSO_ALLOWED_ORIGINS.property(), "http://localhost:9180");
        ProviderAddress.check("issuerUrl", "http://localhost:9180/realms/x");
        assertThatThrownBy(() -> ProviderAddress.check("issuerUrl", "http://localhost:9181/realms/x"))
                .isInstanceOf(InvalidInput.class);
    }
}
