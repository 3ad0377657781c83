package io.tributary.application.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A Micrometer registry in the Prometheus text exposition format 0.0.4: counters as {@code <name>_total}, gauges,
 * timers (in seconds) and distribution summaries as histograms with cumulative {@code _bucket{le=...}}, {@code _sum}
 * and {@code _count}. Names take Micrometer's dots as underscores and their base unit as a suffix.
 */
public final class PrometheusText {

    /** The {@code Content-Type} of a scrape in this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    /** The registry's meters, one family (HELP, TYPE, samples) per name, in name and label order. */
    public static String render(MeterRegistry registry) {
        Map<String, List<Meter>> families = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            // The simple registry also shows a timer's buckets as gauges of their own; the histogram has them.
            if (meter.getId().syntheticAssociation() != null) {
                continue;
            }
            families.computeIfAbsent(familyName(meter), n -> new ArrayList<>()).add(meter);
        }
        StringBuilder out = new StringBuilder();
        families.forEach((name, meters) -> {
            meters.sort(Comparator.comparing(m -> labels(m.getId().getTags(), null, null)));
            Meter first = meters.get(0);
            String help = first.getId().getDescription();
            if (help != null && !help.isBlank()) {
                out.append("# HELP ")
                        .append(name)
                        .append(' ')
                        .append(escapeHelp(help))
                        .append('\n');
            }
            out.append("# TYPE ").append(name).append(' ').append(type(first)).append('\n');
            for (Meter meter : meters) {
                samples(out, name, meter);
            }
        });
        return out.toString();
    }

    private static void samples(StringBuilder out, String name, Meter meter) {
        List<Tag> tags = meter.getId().getTags();
        if (meter instanceof Counter counter) {
            sample(out, name, tags, counter.count());
        } else if (meter instanceof FunctionCounter counter) {
            sample(out, name, tags, counter.count());
        } else if (meter instanceof TimeGauge gauge) {
            sample(out, name, tags, gauge.value(TimeUnit.SECONDS));
        } else if (meter instanceof Gauge gauge) {
            sample(out, name, tags, gauge.value());
        } else if (meter instanceof Timer timer) {
            histogram(out, name, tags, timer.takeSnapshot(), true);
        } else if (meter instanceof DistributionSummary summary) {
            histogram(out, name, tags, summary.takeSnapshot(), false);
        } else if (meter instanceof FunctionTimer timer) {
            sample(out, name + "_sum", tags, timer.totalTime(TimeUnit.SECONDS));
            sample(out, name + "_count", tags, timer.count());
        } else {
            for (Measurement m : meter.measure()) {
                sample(out, name + "_" + sanitize(m.getStatistic().getTagValueRepresentation()), tags, m.getValue());
            }
        }
    }

    private static void histogram(
            StringBuilder out, String name, List<Tag> tags, HistogramSnapshot snapshot, boolean seconds) {
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            double le = seconds ? bucket.bucket(TimeUnit.SECONDS) : bucket.bucket();
            out.append(name).append("_bucket").append(labels(tags, "le", number(le)));
            out.append(' ').append(number(bucket.count())).append('\n');
        }
        out.append(name).append("_bucket").append(labels(tags, "le", "+Inf"));
        out.append(' ').append(number(snapshot.count())).append('\n');
        sample(out, name + "_sum", tags, seconds ? snapshot.total(TimeUnit.SECONDS) : snapshot.total());
        sample(out, name + "_count", tags, snapshot.count());
    }

    private static void sample(StringBuilder out, String name, List<Tag> tags, double value) {
        out.append(name)
                .append(labels(tags, null, null))
                .append(' ')
                .append(number(value))
                .append('\n');
    }

    private static String type(Meter meter) {
        if (meter instanceof Counter || meter instanceof FunctionCounter) {
            return "counter";
        }
        if (meter instanceof Gauge) {
            return "gauge";
        }
        if (meter instanceof Timer || meter instanceof DistributionSummary) {
            return "histogram";
        }
        if (meter instanceof FunctionTimer) {
            return "summary";
        }
        return "untyped";
    }

    /** The family's name: Micrometer's name in Prometheus' alphabet, with the base unit (seconds for timers). */
    static String familyName(Meter meter) {
        String name = sanitize(meter.getId().getName());
        String unit = meter instanceof Timer || meter instanceof FunctionTimer || meter instanceof TimeGauge
                ? "seconds"
                : meter.getId().getBaseUnit();
        if (unit != null && !unit.isBlank()) {
            String suffix = "_" + sanitize(unit);
            if (!name.endsWith(suffix)) {
                name += suffix;
            }
        }
        // As in the 0.0.4 format's own example (# TYPE http_requests_total counter): HELP, TYPE and samples alike.
        if ((meter instanceof Counter || meter instanceof FunctionCounter) && !name.endsWith("_total")) {
            name += "_total";
        }
        return name;
    }

    private static String labels(List<Tag> tags, String extraName, String extraValue) {
        if (tags.isEmpty() && extraName == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (Tag tag : tags) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(sanitize(tag.getKey()))
                    .append("=\"")
                    .append(escapeLabel(tag.getValue()))
                    .append('"');
        }
        if (extraName != null) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(extraName).append("=\"").append(extraValue).append('"');
        }
        return b.append('}').toString();
    }

    /** Any character outside {@code [a-zA-Z0-9_]} becomes {@code _}; a leading digit gets a {@code _} before it. */
    static String sanitize(String name) {
        String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes backslash and line feed. */
    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
