package io.tributary.application;

import io.tributary.persistence.tenancy.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects every problem with one request's input, so a person sees them all at once; {@link #done()} throws. */
public final class InputCheck {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9-]+(\\.[a-z0-9-]+)+$");

    private final Map<String, String> violations = new LinkedHashMap<>();

    public String text(String field, String value, int maxLength) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            violations.putIfAbsent(field, label(field) + " is required.");
        } else if (trimmed.length() > maxLength) {
            violations.putIfAbsent(field, label(field) + " must be at most " + maxLength + " characters.");
        } else if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            violations.putIfAbsent(field, label(field) + " must not contain control characters.");
        }
        return trimmed;
    }

    public String email(String field, String value) {
        String email = text(field, value, 320).toLowerCase();
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            violations.putIfAbsent(field, "'" + value.strip() + "' is not an e-mail address.");
        }
        return email;
    }

    public String domain(String field, String value) {
        String domain = text(field, value, 253).toLowerCase();
        if (!domain.isEmpty() && !DOMAIN.matcher(domain).matches()) {
            violations.putIfAbsent(field, "'" + value.strip() + "' is not a domain name such as example.com.");
        }
        return domain;
    }

    public String matches(String field, String value, Pattern pattern, String rule) {
        String trimmed = text(field, value, 500);
        if (!trimmed.isEmpty() && !pattern.matcher(trimmed).matches()) {
            violations.putIfAbsent(field, label(field) + " " + rule);
        }
        return trimmed;
    }

    /** Role keys a tenant may grant; at least one. */
    public Set<Role> roles(String field, Collection<String> keys) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (keys == null || keys.isEmpty()) {
            violations.putIfAbsent(field, "Choose at least one role.");
            return roles;
        }
        for (String key : keys) {
            Role role = Role.ofKey(key == null ? "" : key.strip()).orElse(null);
            if (role == null || !role.grantableByTenant()) {
                violations.putIfAbsent(
                        field,
                        "'" + key + "' is not a role an organization can grant"
                                + " (contributor, validator, model-builder, org-admin).");
            } else {
                roles.add(role);
            }
        }
        return roles;
    }

    public void fail(String field, String message) {
        violations.putIfAbsent(field, message);
    }

    public void done() {
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
    }

    private static String label(String field) {
        String spaced = field.replaceAll("([A-Z])", " $1").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
