package io.tributary.web.shell;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static Formats in(String zone) {
        Formats formats = new Formats();
        formats.viewerZone = new ViewerZone() {
            @Override
            public ZoneId get() {
                return ZoneId.of(zone);
            }
        };
        return formats;
    }

    @Test
    void timesReadInTheViewersZoneWithTheExactMomentForMachines() {
        Instant moment = Instant.parse("2026-12-06T13:03:27Z");
        assertThat(in("Europe/Berlin").time(moment)).isEqualTo("6 Dec 2026, 14:03 CET");
        assertThat(in("UTC").time(OffsetDateTime.of(2026, 12, 6, 15, 3, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("6 Dec 2026, 13:03 UTC");
        assertThat(in("Europe/Berlin").iso(moment)).isEqualTo("2026-12-06T13:03:27Z");
        assertThat(in("America/New_York").date(moment)).isEqualTo("6 Dec 2026");
        assertThat(in("UTC").time(null)).isEmpty();
    }

    @Test
    void tribIsGroupedWithItsUnitAndNeverRawBaseUnits() {
        Formats formats = in("UTC");
        BigInteger oneTrib = BigInteger.TEN.pow(18);
        assertThat(formats.trib(oneTrib.multiply(BigInteger.valueOf(123450)).divide(BigInteger.valueOf(100))))
                .isEqualTo("1,234.50 TRIB");
        assertThat(formats.trib(BigInteger.ZERO)).isEqualTo("0.00 TRIB");
        assertThat(formats.trib(BigInteger.ONE)).isEqualTo("< 0.0001 TRIB");
        // Rounded down: a balance never reads as more than it is.
        assertThat(formats.trib(oneTrib.subtract(BigInteger.ONE))).isEqualTo("0.9999 TRIB");
        assertThat(formats.eth(oneTrib.multiply(BigInteger.valueOf(2500)))).isEqualTo("2,500 ETH");
    }

    @Test
    void countsAndSizesAreGrouped() {
        Formats formats = in("UTC");
        assertThat(formats.count(12345)).isEqualTo("12,345");
        assertThat(formats.bytes(512)).isEqualTo("512 bytes");
        assertThat(formats.bytes(1_234)).isEqualTo("1.2 kB");
        assertThat(formats.bytes(52_428_800)).isEqualTo("52 MB");
        assertThat(formats.bytes(1_500_000_000L)).isEqualTo("1.5 GB");
    }

    @Test
    void theBrowsersZoneComesFromItsCookieAndAnythingElseIsUtc() {
        assertThat(ViewerZone.fromCookies(new Cookie[] {new Cookie(ViewerZone.COOKIE, "Europe%2FBerlin")}))
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ViewerZone.fromCookies(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(ViewerZone.parse("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(ViewerZone.parse("<script>")).isEqualTo(ZoneOffset.UTC);
        assertThat(ViewerZone.parse("x".repeat(100))).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void constantsReadAsWordsWithOrWithoutALabel() {
        Labels labels = new Labels();
        assertThat(Labels.words("PAYOUT_BATCH")).isEqualTo("Payout batch");
        assertThat(labels.named("NoSuchType", "IN_REVIEW")).isEqualTo("In review");
        assertThat(labels.text("table.filter")).isEqualTo("Filter");
        assertThat(labels.label(null)).isEmpty();
    }

    @Test
    void textOnThePrimaryColourIsWhicheverContrastsMore() {
        assertThat(Shell.onColour("#0f766e")).isEqualTo("#ffffff");
        assertThat(Shell.onColour("#fde047")).isEqualTo("#111827");
        assertThat(Shell.onColour("not a colour")).isEqualTo("#ffffff");
    }
}
