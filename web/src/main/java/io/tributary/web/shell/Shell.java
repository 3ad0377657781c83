package io.tributary.web.shell;

import io.tributary.application.Pages;
import io.tributary.application.Settings;
import io.tributary.application.tenancy.BrandingView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.tenancy.Branding;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.primefaces.model.menu.DefaultMenuItem;
import org.primefaces.model.menu.DefaultMenuModel;
import org.primefaces.model.menu.DefaultSubMenu;
import org.primefaces.model.menu.MenuModel;

/** The frame around every page: the tenant's branding and the navigation the actor's roles open up. */
@Named
@RequestScoped
public class Shell {

    @Inject
    CurrentActor actor;

    @Inject
    TenantService tenants;

    private Optional<BrandingView> branding;
    private MenuModel menu;

    private Optional<BrandingView> branding() {
        if (branding == null) {
            branding = actor.isInTenant() ? tenants.brandingOf(actor.get().tenantId()) : Optional.empty();
        }
        return branding;
    }

    public String getTitle() {
        return branding().map(BrandingView::displayName).orElse("Tributary");
    }

    public String getLogo() {
        return branding().map(BrandingView::logo).orElse(null);
    }

    public String getPrimaryColour() {
        return branding().map(BrandingView::primaryColour).orElse(Branding.DEFAULT_COLOUR);
    }

    /**
     * The text colour on the tenant's primary colour (header, buttons, badges): white or near-black, whichever contrasts
     * more, so any colour a tenant picks stays readable (WCAG contrast, checked by the browser tests' axe-core run).
     */
    public String getOnPrimaryColour() {
        return onColour(getPrimaryColour());
    }

    static String onColour(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            return "#ffffff";
        }
        double background = luminance(Integer.parseInt(hex.substring(1), 16));
        double onWhite = 1.05 / (background + 0.05);
        double onDark = (background + 0.05) / (luminance(0x111827) + 0.05);
        return onWhite >= onDark ? "#ffffff" : "#111827";
    }

    private static double luminance(int rgb) {
        double r = channel((rgb >> 16) & 0xff), g = channel((rgb >> 8) & 0xff), b = channel(rgb & 0xff);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    public String getMode() {
        return branding().map(BrandingView::mode).orElse("light");
    }

    public String getKeycloakAccountUrl() {
        return Settings.KEYCLOAK_PUBLIC_URL.value() + "/realms/" + Settings.KEYCLOAK_REALM.value() + "/account";
    }

    public MenuModel getMenu() {
        if (menu == null) {
            menu = buildMenu();
        }
        return menu;
    }

    private MenuModel buildMenu() {
        DefaultMenuModel model = new DefaultMenuModel();
        model.getElements().add(item("Dashboard", "pi pi-home", "/index.xhtml"));
        if (actor.isInTenant()) {
            model.getElements().add(item("DataNets", "pi pi-database", Pages.dataNets()));
            if (actor.has("contributor")) {
                model.getElements().add(item("My contributions", "pi pi-upload", Pages.myContributions()));
            }
            if (actor.has("model-builder")) {
                model.getElements().add(item("Model Factory", "pi pi-cog", "/factory/index.xhtml"));
                model.getElements().add(item("Models", "pi pi-box", "/factory/index.xhtml#models"));
            }
            if (actor.has("model-builder") || actor.has(Role.ORG_ADMIN.key())) {
                model.getElements().add(item("Serving", "pi pi-server", "/serving/index.xhtml"));
            }
            model.getElements().add(item("Serving usage", "pi pi-chart-bar", "/serving/usage.xhtml"));
            model.getElements().add(item("Playground", "pi pi-comments", "/serving/playground.xhtml"));
            if (!actor.has("model-builder")) {
                model.getElements().add(soon("Models", "pi pi-box", "models"));
            }
            model.getElements().add(item("Receipts", "pi pi-sitemap", "/receipts/index.xhtml"));
            model.getElements().add(item("Earnings", "pi pi-chart-line", "/dashboards/earnings.xhtml"));
            model.getElements().add(item("Disputes", "pi pi-flag", "/disputes/index.xhtml"));
            model.getElements().add(item("Wallet", "pi pi-wallet", "/rewards/wallet.xhtml"));
            if (actor.has(Role.ORG_ADMIN.key())) {
                model.getElements()
                        .add(DefaultSubMenu.builder()
                                .label("Organization")
                                .icon("pi pi-building")
                                .addElement(item("Members", "pi pi-users", "/organization/members.xhtml"))
                                .addElement(item("SSO", "pi pi-key", "/organization/sso.xhtml"))
                                .addElement(item("API keys", "pi pi-lock", "/organization/api-keys.xhtml"))
                                .addElement(item("Wallet", "pi pi-wallet", "/organization/wallet.xhtml"))
                                .addElement(item("Branding", "pi pi-palette", "/organization/branding.xhtml"))
                                .addElement(item("Base models", "pi pi-box", "/organization/bases.xhtml"))
                                .addElement(item("Audit log", "pi pi-list", "/organization/audit.xhtml"))
                                .build());
            }
        }
        if (actor.has(Role.PLATFORM_ADMIN.key())) {
            model.getElements()
                    .add(DefaultSubMenu.builder()
                            .label("Admin")
                            .icon("pi pi-shield")
                            .addElement(item("Tenants", "pi pi-globe", "/admin/tenants.xhtml"))
                            .addElement(item("Domain claims", "pi pi-check-circle", "/admin/domains.xhtml"))
                            .addElement(item("Wallets", "pi pi-wallet", "/admin/wallets.xhtml"))
                            .addElement(item("Audit log", "pi pi-list", "/admin/audit.xhtml"))
                            .addElement(item("Events", "pi pi-send", "/admin/events.xhtml"))
                            .addElement(item("Attribution", "pi pi-chart-bar", "/admin/attribution.xhtml"))
                            .addElement(item("Serving", "pi pi-server", "/serving/index.xhtml"))
                            .addElement(item("Serving limits", "pi pi-sliders-h", "/admin/serving-limits.xhtml"))
                            .addElement(item("Model Factory", "pi pi-cog", "/admin/factory.xhtml"))
                            .build());
        }
        return model;
    }

    private static DefaultMenuItem item(String label, String icon, String outcome) {
        return DefaultMenuItem.builder().value(label).icon(icon).url(outcome).build();
    }

    private static DefaultMenuItem soon(String label, String icon, String feature) {
        return item(label, icon, "/coming-soon.xhtml?feature=" + feature);
    }
}
