package io.tributary.persistence.tenancy;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of roles as their comma-separated keys, in declaration order. */
@Converter
public class RoleSet implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Role> roles) {
        return roles == null ? "" : roles.stream().sorted().map(Role::key).collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityAttribute(String column) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.split(","))
                    .map(k -> Role.ofKey(k).orElseThrow(() -> new IllegalStateException("Unknown role " + k)))
                    .forEach(roles::add);
        }
        return roles;
    }
}
