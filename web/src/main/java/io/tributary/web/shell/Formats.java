package io.tributary.web.shell;

import io.tributary.application.rewards.Trib;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Times, amounts, counts and sizes as people read them, for every page: {@code #{fmt.time(x)}} "6 Dec 2026, 14:03
 * CET" in the viewer's zone, {@code #{fmt.trib(units)}} "1,234.50 TRIB", {@code #{fmt.count(n)}} "12,345", {@code
 * #{fmt.bytes(n)}} "1.2 MB". Times usually go through {@code <t:time value="…"/>}, which adds the exact ISO time.
 */
@Named("fmt")
@RequestScoped
public class Formats {

    private static final Locale LOCALE = Locale.ENGLISH;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", LOCALE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", LOCALE);
    private static final BigDecimal TRIB_ONE = BigDecimal.TEN.pow(Trib.DECIMALS);
    private static final BigDecimal SMALLEST_SHOWN = new BigDecimal("0.0001");

    @Inject
    ViewerZone viewerZone;

    private ZoneId zone() {
        return viewerZone == null ? ZoneOffset.UTC : viewerZone.get();
    }

    /** A moment in the viewer's zone, with the zone's short name; "" for none. */
    public String time(Object value) {
        Instant instant = instant(value);
        return instant == null ? "" : TIME.format(instant.atZone(zone()));
    }

    /** The day of a moment in the viewer's zone (or a plain date as it is). */
    public String date(Object value) {
        if (value instanceof LocalDate day) {
            return DATE.format(day);
        }
        Instant instant = instant(value);
        return instant == null ? "" : DATE.format(instant.atZone(zone()));
    }

    /** The exact moment for machines and tooltips: {@code 2026-12-06T13:03:00Z}. */
    public String iso(Object value) {
        if (value instanceof LocalDate day) {
            return day.toString();
        }
        Instant instant = instant(value);
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The viewer's zone id, e.g. "Europe/Berlin", for pages that say which zone they show. */
    public String zoneId() {
        return zone().getId();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            // The database keeps local times in UTC (hibernate.jdbc.time_zone).
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (value instanceof TemporalAccessor t) {
            return Instant.from(t);
        }
        throw new IllegalArgumentException("not a moment: " + value.getClass().getName());
    }

    /**
     * TRIB from base units with grouping, two to four decimals, rounded down (a balance is never shown as more than
     * it is); a positive amount below 0.0001 TRIB reads "< 0.0001 TRIB", never zero or raw base units.
     */
    public String trib(BigInteger baseUnits) {
        return amount(baseUnits) + " " + Trib.CURRENCY;
    }

    /** The number part of {@link #trib}, for tables whose header names the unit. */
    public String amount(BigInteger baseUnits) {
        if (baseUnits == null) {
            return "";
        }
        BigDecimal value = new BigDecimal(baseUnits).divide(TRIB_ONE);
        if (value.signum() != 0 && value.abs().compareTo(SMALLEST_SHOWN) < 0) {
            return (value.signum() < 0 ? "> -" : "< ") + "0.0001";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00##", DecimalFormatSymbols.getInstance(LOCALE));
        format.setRoundingMode(RoundingMode.DOWN);
        return format.format(value);
    }

    /** Ether from wei, grouped, up to six decimals, rounded down. */
    public String eth(BigInteger wei) {
        if (wei == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(LOCALE));
        format.setRoundingMode(RoundingMode.DOWN);
        return format.format(new BigDecimal(wei).divide(TRIB_ONE)) + " ETH";
    }

    /** A count with grouping: 12,345. */
    public String count(Number value) {
        if (value == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(LOCALE));
        return format.format(value);
    }

    /** A size in bytes as people read it: 512 bytes, 1.2 kB, 34 MB, 1.5 GB (powers of 1,000). */
    public String bytes(Number value) {
        if (value == null) {
            return "";
        }
        long bytes = value.longValue();
        if (Math.abs(bytes) < 1000) {
            return bytes + (Math.abs(bytes) == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double scaled = bytes;
        int unit = -1;
        while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        DecimalFormat format =
                new DecimalFormat(Math.abs(scaled) < 10 ? "0.#" : "#,##0", DecimalFormatSymbols.getInstance(LOCALE));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(scaled) + " " + units[unit];
    }
}
