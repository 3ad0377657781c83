package io.tributary.persistence.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** How a tenant's pages look: display name, logo and primary colour, applied through CSS variables. */
@Embeddable
public class Branding {

    public static final String DEFAULT_COLOUR = "#0f766e";

    @Column(name = "brand_name", nullable = false)
    private String displayName;

    /** A small data: URI (PNG or SVG), so branding needs no file storage. */
    @Column(name = "brand_logo")
    private String logo;

    @Column(name = "brand_colour", nullable = false)
    private String primaryColour = DEFAULT_COLOUR;

    @Enumerated(EnumType.STRING)
    @Column(name = "brand_mode", nullable = false)
    private ThemeMode mode = ThemeMode.LIGHT;

    protected Branding() {}

    public Branding(String displayName, String logo, String primaryColour, ThemeMode mode) {
        this.displayName = displayName;
        this.logo = logo;
        this.primaryColour = primaryColour;
        this.mode = mode;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getLogo() {
        return logo;
    }

    public String getPrimaryColour() {
        return primaryColour;
    }

    public ThemeMode getMode() {
        return mode;
    }
}
