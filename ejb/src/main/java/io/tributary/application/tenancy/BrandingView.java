package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Tenant;

/** A tenant's look: the name and logo its members see, its colour, and light or dark mode. */
public record BrandingView(String displayName, String logo, String primaryColour, String mode) {

    static BrandingView of(Tenant tenant) {
        var b = tenant.getBranding();
        return new BrandingView(
                b.getDisplayName(),
                b.getLogo(),
                b.getPrimaryColour(),
                b.getMode().name().toLowerCase());
    }
}
