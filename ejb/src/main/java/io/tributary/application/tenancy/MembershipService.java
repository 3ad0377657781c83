package io.tributary.application.tenancy;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.MemberRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.SsoConnection;
import io.tributary.persistence.tenancy.SsoConnectionRepository;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Who belongs to a tenant with which roles: sign-in, invitations, role changes and removals. */
@Stateless
public class MembershipService {

    @Inject
    TenantRepository tenants;

    @Inject
    MemberRepository members;

    @Inject
    SsoConnectionRepository ssoConnections;

    @Inject
    OrganizationDirectory directory;

    @Inject
    AuditLog audit;

    /** The last sign-in is kept to this precision: a member's requests within it write nothing. */
    static final Duration SIGN_IN_GRANULARITY = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    @Resource
    SessionContext context;

    /**
     * Turns a verified identity into the actor it signs in as. A person new to the tenant joins with the roles of the
     * SSO connection they came through (contributor otherwise); a suspended tenant refuses everyone.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Actor signIn(Identity identity) {
        Actor staff = new Actor(null, null, identity.email(), EnumSet.of(Role.PLATFORM_ADMIN));
        Optional<Tenant> tenant = identity.organizations().stream()
                .map(tenants::findByAlias)
                .flatMap(Optional::stream)
                .findFirst();
        if (tenant.isEmpty()) {
            if (identity.platformAdmin()) {
                return staff;
            }
            throw new AccessDenied("Your account belongs to no organization registered with Tributary.");
        }
        Tenant home = tenant.get();
        if (!home.isActive()) {
            Actor refused = new Actor(home.getId(), null, identity.email(), Set.of());
            audit.refused(refused, home.getId(), "sign-in", identity.email(), Outcome.DENIED, "tenant suspended");
            throw new AccessDenied(home.getName() + " is suspended: its members cannot sign in to Tributary.");
        }
        return TenantContext.as(home.getId(), () -> self().joinOrReturn(home.getId(), identity));
    }

    /** The member an identity signs in as, created on first arrival. Runs in the tenant's context. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Actor joinOrReturn(UUID tenantId, Identity identity) {
        String email = identity.email().toLowerCase();
        Member member = members.findByEmail(email).orElse(null);
        if (member == null) {
            Set<Role> roles = ssoConnections
                    .findByEmailDomain(email.substring(email.indexOf('@') + 1))
                    .map(SsoConnection::getDefaultRoles)
                    .orElse(EnumSet.of(Role.CONTRIBUTOR));
            member = new Member(email, identity.name(), roles);
            members.add(member);
            em.flush();
            audit.changed(actorOf(member, identity.platformAdmin()), tenantId, "member.join", email, roles.toString());
        }
        // Every bearer request signs in: only a change is written, by a statement that leaves the version alone, so
        // a member's concurrent requests neither collide nor rewrite the row each time.
        Instant now = Instant.now();
        if (member.signInChanges(identity.subject(), identity.name(), now, SIGN_IN_GRANULARITY)) {
            members.recordSignIn(member.getId(), identity.subject(), identity.name(), now, SIGN_IN_GRANULARITY);
        }
        return actorOf(member, identity.platformAdmin());
    }

    /**
     * Makes sure a member exists in the current tenant, for trusted callers without an actor (demo seeding, directory
     * synchronisation); an existing member is left as it is.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Member provision(String email, String displayName, Set<Role> roles) {
        return members.findByEmail(email).orElseGet(() -> {
            Member member = new Member(email.toLowerCase(), displayName, roles);
            members.add(member);
            return member;
        });
    }

    /**
     * The current actor for a member who signed in earlier in this session: roles and tenant status are re-read on
     * every request so that changes and suspensions apply at once.
     */
    public Optional<Actor> refresh(UUID memberId, boolean platformAdmin) {
        Optional<Tenant> tenant = TenantContext.tenant().flatMap(tenants::find);
        if (tenant.isEmpty() || !tenant.get().isActive()) {
            return Optional.empty();
        }
        return members.find(memberId).map(m -> actorOf(m, platformAdmin));
    }

    /** The tenant's members as entities, for org admins' pages and for naming a payout's recipients. */
    public List<Member> members(Actor actor) {
        actor.requireTenant();
        return members.all();
    }

    /** One page of the tenant's members, by e-mail. */
    public Page<Member> members(Actor actor, PageRequest page) {
        actor.requireTenant();
        return members.page(page);
    }

    /**
     * The organization's members as the actor may see them: org admins everything, everyone else (members and API keys
     * without org-admin) public names and roles, plus everything about themselves.
     */
    public Page<MemberCard> directory(Actor actor, PageRequest page) {
        actor.requireTenant();
        return members.page(page).map(m -> cardFor(actor, m));
    }

    /** One member as the actor may see them; 404 outside the actor's organization. */
    public MemberCard card(Actor actor, UUID id) {
        return cardFor(actor, member(actor, id));
    }

    private static MemberCard cardFor(Actor actor, Member m) {
        return actor.has(Role.ORG_ADMIN) || m.getId().equals(actor.memberId())
                ? MemberCard.full(m)
                : MemberCard.restricted(m);
    }

    /** The signed-in member themselves. */
    public Member self(Actor actor) {
        actor.requireTenant();
        if (actor.memberId() == null) {
            throw new AccessDenied("An API key is not a member; use a member's sign-in or personal token.");
        }
        return member(actor, actor.memberId());
    }

    /**
     * The member chooses how people outside their organization see them: a display name or pseudonym, not an e-mail
     * address (the e-mail never leaves the organization).
     */
    public Member choosePublicName(Actor actor, String publicName) {
        Member member = self(actor);
        InputCheck check = new InputCheck();
        String name = check.text("publicName", publicName, 80);
        if (name != null && name.contains("@")) {
            check.fail(
                    "publicName", "A public name must not be an e-mail address: it is shown to other organizations.");
        }
        check.done();
        String before = member.getPublicName();
        member.choosePublicName(name);
        audit.changed(actor, actor.tenantId(), "member.public-name", member.getEmail(), before + " -> " + name);
        return member;
    }

    public Member member(Actor actor, UUID id) {
        actor.requireTenant();
        return members.find(id).orElseThrow(() -> new NotFound("No member " + id + " in your organization."));
    }

    public Invitation invite(Actor actor, String email, String displayName, Collection<String> roleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "member.invite", email);
        InputCheck check = new InputCheck();
        String cleanEmail = check.email("email", email);
        String name = displayName == null || displayName.isBlank() ? null : check.text("displayName", displayName, 200);
        Set<Role> roles = check.roles("roles", roleKeys);
        check.done();
        if (members.findByEmail(cleanEmail).isPresent()) {
            throw new Conflict(cleanEmail + " is a member already.");
        }
        Member member = new Member(cleanEmail, name, roles);
        members.add(member);
        em.flush();
        audit.changed(actor, actor.tenantId(), "member.invite", cleanEmail, roles.toString());
        Tenant tenant = tenants.find(actor.tenantId()).orElseThrow();
        boolean viaSso = ssoConnections
                .findByEmailDomain(cleanEmail.substring(cleanEmail.indexOf('@') + 1))
                .isPresent();
        Optional<String> password =
                viaSso ? Optional.empty() : directory.enrol(tenant.getKeycloakOrganizationId(), cleanEmail, name);
        return new Invitation(member, password);
    }

    public Member changeRoles(Actor actor, UUID memberId, Collection<String> roleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "member.roles", String.valueOf(memberId));
        Member member = member(actor, memberId);
        InputCheck check = new InputCheck();
        Set<Role> roles = check.roles("roles", roleKeys);
        check.done();
        if (member.getRoles().contains(Role.ORG_ADMIN) && !roles.contains(Role.ORG_ADMIN)) {
            requireAnotherAdmin(member);
        }
        Set<Role> before = member.getRoles();
        member.changeRoles(roles);
        audit.changed(actor, actor.tenantId(), "member.roles", member.getEmail(), before + " -> " + roles);
        return member;
    }

    public void remove(Actor actor, UUID memberId) {
        audit.demand(actor, Role.ORG_ADMIN, "member.remove", String.valueOf(memberId));
        Member member = member(actor, memberId);
        if (member.getId().equals(actor.memberId())) {
            throw new Conflict("You cannot remove yourself; ask another organization admin.");
        }
        if (member.getRoles().contains(Role.ORG_ADMIN)) {
            requireAnotherAdmin(member);
        }
        members.remove(member);
        audit.changed(actor, actor.tenantId(), "member.remove", member.getEmail(), null);
        Tenant tenant = tenants.find(actor.tenantId()).orElseThrow();
        directory.leave(tenant.getKeycloakOrganizationId(), member.getEmail());
    }

    private void requireAnotherAdmin(Member leaving) {
        boolean another = members.all().stream()
                .anyMatch(
                        m -> !m.getId().equals(leaving.getId()) && m.getRoles().contains(Role.ORG_ADMIN));
        if (!another) {
            throw new Conflict("An organization needs at least one org-admin; appoint another one first.");
        }
    }

    private static Actor actorOf(Member member, boolean platformAdmin) {
        Set<Role> roles = member.getRoles();
        if (platformAdmin) {
            roles.add(Role.PLATFORM_ADMIN);
        }
        return new Actor(member.getTenantId(), member.getId(), member.getEmail(), roles);
    }

    private MembershipService self() {
        return context.getBusinessObject(MembershipService.class);
    }
}
