package io.tributary.training.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsed {@code --name value} and {@code --flag} options of one subcommand, checked against what it accepts. */
public final class Arguments {

    private final Map<String, List<String>> values = new HashMap<>();

    /**
     * @param options accepted option names (without dashes) mapped to true when they take a value
     */
    public Arguments(String[] args, Map<String, Boolean> options) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Boolean takesValue = options.get(name);
            if (takesValue == null) {
                throw new UsageException("unknown option --" + name);
            }
            String value = "true";
            if (takesValue) {
                if (inline != null) {
                    value = inline;
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
            } else if (inline != null) {
                throw new UsageException("option --" + name + " takes no value");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    /** Builds an option table: names ending in {@code =} take a value. */
    public static Map<String, Boolean> options(String... specs) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (String spec : specs) {
            boolean value = spec.endsWith("=");
            map.put(value ? spec.substring(0, spec.length() - 1) : spec, value);
        }
        map.put("help", false);
        return map;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    public String required(String name) throws UsageException {
        String v = string(name, null);
        if (v == null || v.isBlank()) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    public List<String> all(String name) {
        List<String> result = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    public List<String> raw(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int integer(String name, int fallback) throws UsageException {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects an integer, got '" + v + "'");
        }
    }

    public long longValue(String name, long fallback) throws UsageException {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects an integer, got '" + v + "'");
        }
    }

    public double number(String name, double fallback) throws UsageException {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects a number, got '" + v + "'");
        }
    }

    /** An existing file given by a required option. */
    public Path existingFile(String name) throws UsageException {
        Path p = Path.of(required(name));
        if (!Files.isRegularFile(p)) {
            throw new UsageException("--" + name + ": file not found: " + p);
        }
        return p;
    }

    /** An existing directory given by an option, or null when absent and not required. */
    public Path existingDirectory(String name, boolean requiredOption) throws UsageException {
        String v = requiredOption ? required(name) : string(name, null);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isDirectory(p)) {
            throw new UsageException("--" + name + ": directory not found: " + p);
        }
        return p;
    }
}
