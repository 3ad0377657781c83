package io.tributary.application.tenancy;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.tenancy.Branding;
import io.tributary.persistence.tenancy.MemberRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import io.tributary.persistence.tenancy.ThemeMode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Registering, suspending and branding tenants; each tenant is one Keycloak organization. */
@Stateless
public class TenantService {

    static final Pattern ALIAS = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final Pattern COLOUR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final Pattern LOGO =
            Pattern.compile("^data:image/(png|svg\\+xml|jpeg|webp);base64,[A-Za-z0-9+/=]+$");
    private static final int MAX_LOGO = 140_000;

    @Inject
    TenantRepository tenants;

    @Inject
    MemberRepository members;

    @Inject
    OrganizationDirectory directory;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<Tenant> find(UUID id) {
        return tenants.find(id);
    }

    /** A tenant's name, for pages that list other tenants' things (platform staff). */
    public Optional<String> nameOf(UUID id) {
        return tenants.find(id).map(Tenant::getName);
    }

    public Optional<Tenant> findByAlias(String alias) {
        return tenants.findByAlias(alias);
    }

    /** Platform staff register a new organization: Keycloak first, then Tributary, undoing Keycloak on failure. */
    public TenantView register(Actor actor, String alias, String name) {
        audit.demand(actor, Role.PLATFORM_ADMIN, "tenant.register", alias);
        InputCheck check = new InputCheck();
        String cleanAlias = check.matches(
                "alias",
                alias == null ? null : alias.toLowerCase(),
                ALIAS,
                "must be 2 to 63 lower-case letters, digits or dashes, starting with a letter or digit.");
        String cleanName = check.text("name", name, 200);
        check.done();
        if (tenants.findByAlias(cleanAlias).isPresent()) {
            throw new Conflict("A tenant with alias '" + cleanAlias + "' exists already.");
        }
        Optional<String> existing = directory.findOrganization(cleanAlias);
        if (existing.isPresent() && !directory.domains(existing.get()).isEmpty()) {
            // Domains come only through verified claims, never with an organization made elsewhere.
            throw new Conflict("Keycloak's organization '" + cleanAlias + "' lists e-mail domains already; remove them"
                    + " there first (the tenant then claims and verifies its domains in Tributary).");
        }
        String organizationId = existing.orElseGet(() -> directory.createOrganization(cleanAlias, cleanName));
        try {
            Tenant tenant = new Tenant(cleanAlias, cleanName, organizationId);
            tenants.add(tenant);
            em.flush();
            audit.changed(actor, tenant.getId(), "tenant.register", cleanAlias, cleanName);
            return TenantView.of(tenant);
        } catch (RuntimeException e) {
            directory.deleteOrganization(organizationId);
            throw e;
        }
    }

    /** Makes sure a Keycloak organization that exists already has its tenant (used when seeding and at first SSO). */
    public Tenant adopt(Actor actor, String alias, String name) {
        return tenants.findByAlias(alias).orElseGet(() -> {
            String organizationId = directory
                    .findOrganization(alias)
                    .orElseThrow(() -> new NotFound("Keycloak has no organization '" + alias + "'."));
            Tenant tenant = new Tenant(alias, name, organizationId);
            tenants.add(tenant);
            audit.changed(actor, tenant.getId(), "tenant.adopt", alias, name);
            return tenant;
        });
    }

    public TenantView suspend(Actor actor, UUID tenantId, String reason) {
        audit.demand(actor, Role.PLATFORM_ADMIN, "tenant.suspend", String.valueOf(tenantId));
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new NotFound("No such tenant."));
        InputCheck check = new InputCheck();
        String why = check.text("reason", reason, 500);
        check.done();
        if (!tenant.isActive()) {
            throw new Conflict(tenant.getName() + " is suspended already.");
        }
        tenant.suspend();
        audit.changed(actor, tenant.getId(), "tenant.suspend", tenant.getAlias(), why);
        return TenantView.of(tenant);
    }

    public TenantView reactivate(Actor actor, UUID tenantId) {
        audit.demand(actor, Role.PLATFORM_ADMIN, "tenant.reactivate", String.valueOf(tenantId));
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new NotFound("No such tenant."));
        if (tenant.isActive()) {
            throw new Conflict(tenant.getName() + " is active already.");
        }
        tenant.reactivate();
        audit.changed(actor, tenant.getId(), "tenant.reactivate", tenant.getAlias(), null);
        return TenantView.of(tenant);
    }

    /** All tenants with member and API-key counts, for the admin console. */
    public List<TenantView> overview(Actor actor) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("Only platform staff see all tenants.");
        }
        Map<UUID, Long> members = counts("select m.tenantId, count(m) from Member m group by m.tenantId");
        Map<UUID, Long> keys =
                counts("select k.tenantId, count(k) from ApiKey k where k.revokedAt is null group by k.tenantId");
        return tenants.all().stream()
                .map(t -> TenantView.of(t, members.getOrDefault(t.getId(), 0L), keys.getOrDefault(t.getId(), 0L)))
                .toList();
    }

    /** One page of the tenants with member and API-key counts, for the admin console. */
    public Page<TenantView> overview(Actor actor, PageRequest page) {
        return overview(actor, ListQuery.of(page));
    }

    /** The tenants as staff sorted and filtered them (see {@link #tenantColumns()}), with their counts. */
    public Page<TenantView> overview(Actor actor, ListQuery query) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("Only platform staff see all tenants.");
        }
        Page<Tenant> tenantPage = tenants.page(query);
        if (tenantPage.items().isEmpty()) {
            return tenantPage.map(t -> null);
        }
        List<UUID> ids = tenantPage.items().stream().map(Tenant::getId).toList();
        Map<UUID, Long> memberCounts =
                counts("select m.tenantId, count(m) from Member m where m.tenantId in :ids group by m.tenantId", ids);
        Map<UUID, Long> keys = counts(
                "select k.tenantId, count(k) from ApiKey k where k.revokedAt is null and k.tenantId in :ids"
                        + " group by k.tenantId",
                ids);
        return tenantPage.map(
                t -> TenantView.of(t, memberCounts.getOrDefault(t.getId(), 0L), keys.getOrDefault(t.getId(), 0L)));
    }

    /** The columns the tenants list sorts and filters by. */
    public Columns tenantColumns() {
        return TenantRepository.COLUMNS;
    }

    /** One page of a tenant's members, for platform staff. */
    public Page<MemberView> members(Actor actor, UUID tenantId, PageRequest page) {
        if (!actor.isPlatformAdmin() || actor.tenantId() != null) {
            throw new AccessDenied("Only platform staff see other organizations' members.");
        }
        tenants.find(tenantId).orElseThrow(() -> new NotFound("No such tenant."));
        return members.ofTenant(tenantId, page).map(MemberView::of);
    }

    /** A tenant's alias and name (no counts), e.g. for "who am I". */
    public Optional<TenantView> view(UUID id) {
        return tenants.find(id).map(TenantView::of);
    }

    /** A tenant's branding, for the frame around its members' pages. */
    public Optional<BrandingView> brandingOf(UUID tenantId) {
        return tenants.find(tenantId).map(BrandingView::of);
    }

    /** The actor's organization's branding. */
    public BrandingView branding(Actor actor) {
        return tenants.find(actor.requireTenant())
                .map(BrandingView::of)
                .orElseThrow(() -> new NotFound("No such organization."));
    }

    public BrandingView rebrand(Actor actor, String displayName, String logo, String colour, String mode) {
        audit.demand(actor, Role.ORG_ADMIN, "tenant.rebrand", null);
        Tenant tenant = tenants.find(actor.requireTenant()).orElseThrow(() -> new NotFound("No such tenant."));
        InputCheck check = new InputCheck();
        String name = check.text("displayName", displayName, 200);
        String cleanColour = check.matches("primaryColour", colour, COLOUR, "must be a colour such as #0f766e.");
        String cleanLogo = logo == null || logo.isBlank() ? null : logo.strip();
        if (cleanLogo != null
                && (cleanLogo.length() > MAX_LOGO || !LOGO.matcher(cleanLogo).matches())) {
            check.fail("logo", "The logo must be a PNG, JPEG, WebP or SVG image of at most 100 KB.");
        }
        ThemeMode themeMode = null;
        try {
            themeMode = ThemeMode.valueOf(mode == null ? "" : mode.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            check.fail("mode", "The mode must be light or dark.");
        }
        check.done();
        tenant.rebrand(new Branding(name, cleanLogo, cleanColour.toLowerCase(), themeMode));
        audit.changed(actor, tenant.getId(), "tenant.rebrand", tenant.getAlias(), name + " " + cleanColour);
        return BrandingView.of(tenant);
    }

    private Map<UUID, Long> counts(String jpql, List<UUID> ids) {
        return counted(em.createQuery(jpql, Tuple.class).setParameter("ids", ids));
    }

    private Map<UUID, Long> counts(String jpql) {
        return counted(em.createQuery(jpql, Tuple.class));
    }

    private static Map<UUID, Long> counted(TypedQuery<Tuple> query) {
        return query.getResultStream().collect(Collectors.toMap(r -> r.get(0, UUID.class), r -> r.get(1, Long.class)));
    }
}
