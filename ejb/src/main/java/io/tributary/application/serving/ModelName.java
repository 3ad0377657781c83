package io.tributary.application.serving;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller names in {@code model}: a published model {@code <organization>/<model>} (its current version), one
 * version {@code <organization>/<model>@<version>}, or a base model by its name.
 *
 * @param organization the owning organization's alias, or null for a base model
 * @param name the model's name (lower case, digits, '.', '_' and '-')
 * @param version the version asked for, or null for the current one
 */
public record ModelName(String organization, String name, Integer version) {

    /** Longest accepted model id. */
    public static final int MAX_LENGTH = 420;

    /** Reads a model id; empty when it cannot name any model (it is then simply not found). */
    public static Optional<ModelName> parse(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String text = id.strip();
        int slash = text.indexOf('/');
        if (slash < 0) {
            return isName(text) ? Optional.of(new ModelName(null, text, null)) : Optional.empty();
        }
        String organization = text.substring(0, slash);
        String rest = text.substring(slash + 1);
        Integer version = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String number = rest.substring(at + 1);
            if (!number.matches("[1-9][0-9]{0,8}")) {
                return Optional.empty();
            }
            version = Integer.valueOf(number);
            rest = rest.substring(0, at);
        }
        if (organization.isEmpty() || !isName(rest) || !organization.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return Optional.empty();
        }
        return Optional.of(new ModelName(organization.toLowerCase(Locale.ROOT), rest, version));
    }

    public boolean isBase() {
        return organization == null;
    }

    /** The id as listed: {@code org/name}, {@code org/name@3}, or the base's name. */
    public String id() {
        if (isBase()) return name;
        return organization + "/" + name + (version == null ? "" : "@" + version);
    }

    /**
     * The name a published model or base is served under, made from the name people gave it: lower case ASCII
     * letters and digits, other runs of characters become one '-' ("Clinical assistant" → "clinical-assistant").
     */
    public static String slug(String displayName) {
        String ascii = Normalizer.normalize(displayName, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9._]+", "-").replaceAll("^[-._]+|[-._]+$", "");
        if (slug.isEmpty()) {
            slug = "model";
        }
        return slug.length() > 200 ? slug.substring(0, 200) : slug;
    }

    private static boolean isName(String s) {
        return s.matches("[a-z0-9][a-z0-9._-]{0,199}");
    }
}
