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
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.tenancy.DomainClaim;
import io.tributary.persistence.tenancy.DomainClaimRepository;
import io.tributary.persistence.tenancy.Invitation;
import io.tributary.persistence.tenancy.InvitationRepository;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who belongs to a tenant with which roles: sign-in, invitations, role changes and removals.
 *
 * <p>A member is bound to one identity (the OIDC subject) when they accept their invitation or first sign in with a
 * verified address; afterwards only that identity signs in as them. Accounts join an organization in Keycloak only when
 * the invited person accepts through the one-time link mailed to them.
 */
@Stateless
public class MembershipService {

    /** How long an invitation link works. */
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MIN_PASSWORD = 12;

    @Inject
    TenantRepository tenants;

    @Inject
    MemberRepository members;

    @Inject
    InvitationRepository invitations;

    @Inject
    SsoConnectionRepository ssoConnections;

    @Inject
    DomainClaimRepository domainClaims;

    @Inject
    OrganizationDirectory directory;

    @Inject
    InvitationMail mail;

    @Inject
    AuditLog audit;

    /** The last sign-in is kept to this precision: a member's requests within it write nothing. */
    static final Duration SIGN_IN_GRANULARITY = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    @Resource
    SessionContext context;

    /**
     * The registered tenants an identity belongs to: those its token names, and those where a current member is bound
     * to it (Keycloak names an organization in the token only when it can tell which one the person means, so a person
     * in several may arrive with none).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<TenantView> organizationChoices(Identity identity) {
        return organizationsOf(identity).stream().map(TenantView::of).toList();
    }

    List<Tenant> organizationsOf(Identity identity) {
        Set<String> aliases = new LinkedHashSet<>(identity.organizations());
        if (identity.subject() != null) {
            // Native: across tenants, whatever the current tenant context.
            em.createNativeQuery("select t.alias from member m join tenant t on t.id = m.tenant_id"
                            + " where m.subject = ?1 and m.status = 'ACTIVE' order by t.alias")
                    .setParameter(1, identity.subject())
                    .getResultList()
                    .forEach(alias -> aliases.add(String.valueOf(alias)));
        }
        return aliases.stream()
                .map(tenants::findByAlias)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Turns a verified identity into the actor it signs in as, in the organization chosen ({@code chosenAlias}, needed
     * only when the identity belongs to several). An unverified e-mail is refused; a suspended tenant refuses everyone.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Actor signIn(Identity identity, String chosenAlias) {
        Actor caller = new Actor(null, null, identity.email(), Set.of());
        if (!identity.emailVerified()) {
            audit.refused(caller, null, "sign-in", identity.email(), Outcome.DENIED, "e-mail not verified");
            throw new AccessDenied("Your e-mail address is not verified. Verify it with your identity provider, then"
                    + " sign in again.");
        }
        List<Tenant> homes = organizationsOf(identity);
        if (homes.isEmpty()) {
            if (identity.platformAdmin()) {
                return new Actor(null, null, identity.email(), EnumSet.of(Role.PLATFORM_ADMIN));
            }
            throw new AccessDenied("Your account belongs to no organization registered with Tributary.");
        }
        Tenant home;
        if (chosenAlias != null && !chosenAlias.isBlank()) {
            home = homes.stream()
                    .filter(t -> t.getAlias().equals(chosenAlias.strip()))
                    .findFirst()
                    .orElseThrow(() -> new AccessDenied("You are not a member of '" + chosenAlias.strip() + "'."));
        } else if (homes.size() > 1) {
            throw new ChooseOrganization(homes.stream().map(Tenant::getAlias).toList());
        } else {
            home = homes.get(0);
        }
        if (!home.isActive()) {
            Actor refused = new Actor(home.getId(), null, identity.email(), Set.of());
            audit.refused(refused, home.getId(), "sign-in", identity.email(), Outcome.DENIED, "tenant suspended");
            throw new AccessDenied(home.getName() + " is suspended: its members cannot sign in to Tributary.");
        }
        return TenantContext.as(home.getId(), () -> self().joinOrReturn(home.getId(), identity));
    }

    /**
     * The member an identity signs in as: the one bound to its subject; else the unbound member with its (verified)
     * address, now bound; else a newcomer. A member bound to another identity is never taken over. Runs in the tenant's
     * context.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Actor joinOrReturn(UUID tenantId, Identity identity) {
        String email = identity.email().toLowerCase();
        Member member = members.findBySubject(identity.subject()).orElse(null);
        if (member == null) {
            member = members.findByEmail(email).orElse(null);
            if (member != null && member.getSubject() != null) {
                Actor refused = new Actor(tenantId, null, email, Set.of());
                audit.refused(
                        refused,
                        tenantId,
                        "sign-in",
                        email,
                        Outcome.DENIED,
                        "the member is bound to another identity (subject " + member.getSubject() + ", not "
                                + identity.subject() + ")");
                throw new AccessDenied("The membership for " + email + " belongs to another account. Ask your"
                        + " organization admin.");
            }
            if (member == null) {
                Set<Role> roles = verifiedSsoConnection(email)
                        .map(SsoConnection::getDefaultRoles)
                        .orElse(EnumSet.of(Role.CONTRIBUTOR));
                member = new Member(email, identity.name(), roles);
                members.add(member);
                em.flush();
                audit.changed(actorOf(member, false), tenantId, "member.join", email, roles.toString());
            }
            if (member.isRemoved()) {
                throw new AccessDenied("Your membership in this organization has ended.");
            }
            member.bind(identity.subject());
            audit.changed(actorOf(member, false), tenantId, "member.bind", email, identity.subject());
        }
        if (member.isRemoved()) {
            throw new AccessDenied("Your membership in this organization has ended.");
        }
        // Every bearer request signs in: only a change is written, by a statement that leaves the version alone, so
        // a member's concurrent requests neither collide nor rewrite the row each time.
        Instant now = Instant.now();
        if (member.signInChanges(identity.subject(), identity.name(), now, SIGN_IN_GRANULARITY)) {
            members.recordSignIn(member.getId(), identity.subject(), identity.name(), now, SIGN_IN_GRANULARITY);
        }
        return actorOf(member, identity.platformAdmin());
    }

    private Optional<SsoConnection> verifiedSsoConnection(String email) {
        String domain = email.substring(email.indexOf('@') + 1);
        boolean verified =
                domainClaims.holding(domain).map(DomainClaim::isVerified).orElse(false);
        return verified ? ssoConnections.findByEmailDomain(domain) : Optional.empty();
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
     * every request so that changes, removals and suspensions apply at once.
     */
    public Optional<Actor> refresh(UUID memberId, boolean platformAdmin) {
        Optional<Tenant> tenant = TenantContext.tenant().flatMap(tenants::find);
        if (tenant.isEmpty() || !tenant.get().isActive()) {
            return Optional.empty();
        }
        return members.find(memberId).filter(m -> !m.isRemoved()).map(m -> actorOf(m, platformAdmin));
    }

    /** The tenant's members as entities, for org admins' pages and for naming a payout's recipients. */
    public List<Member> members(Actor actor) {
        actor.requireTenant();
        return members.all();
    }

    /** Every member of the organization as the actor may see them, by e-mail: for pickers such as a grant's member. */
    public List<MemberCard> cards(Actor actor) {
        actor.requireTenant();
        return members.all().stream().map(m -> cardFor(actor, m)).toList();
    }

    /** One page of the tenant's members, by e-mail, as the actor may see them. */
    public Page<MemberView> members(Actor actor, PageRequest page) {
        actor.requireTenant();
        return members.page(page).map(m -> viewFor(actor, m));
    }

    /** One page of the tenant's members as a person sorted and filtered them (see {@link #memberColumns()}). */
    public Page<MemberView> members(Actor actor, ListQuery query) {
        actor.requireTenant();
        return members.page(query).map(m -> viewFor(actor, m));
    }

    /** The columns the members list sorts and filters by. */
    public Columns memberColumns() {
        return MemberRepository.COLUMNS;
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
        return cardFor(actor, find(actor, id));
    }

    private static MemberView viewFor(Actor actor, Member m) {
        return actor.has(Role.ORG_ADMIN) || m.getId().equals(actor.memberId())
                ? MemberView.of(m)
                : MemberView.of(MemberCard.restricted(m));
    }

    private static MemberCard cardFor(Actor actor, Member m) {
        return actor.has(Role.ORG_ADMIN) || m.getId().equals(actor.memberId())
                ? MemberCard.full(m)
                : MemberCard.restricted(m);
    }

    /** The signed-in member themselves. */
    public MemberView self(Actor actor) {
        return MemberView.of(selfEntity(actor));
    }

    private Member selfEntity(Actor actor) {
        actor.requireTenant();
        if (actor.memberId() == null) {
            throw new AccessDenied("An API key is not a member; use a member's sign-in or personal token.");
        }
        return find(actor, actor.memberId());
    }

    /**
     * The member chooses how people outside their organization see them: a display name or pseudonym, not an e-mail
     * address (the e-mail never leaves the organization).
     */
    public MemberView choosePublicName(Actor actor, String publicName) {
        Member member = selfEntity(actor);
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
        return MemberView.of(member);
    }

    /** One member of the actor's organization, in full (org admins' member page). */
    public MemberView member(Actor actor, UUID id) {
        return MemberView.of(find(actor, id));
    }

    private Member find(Actor actor, UUID id) {
        actor.requireTenant();
        return members.find(id)
                .filter(m -> !m.isRemoved())
                .orElseThrow(() -> new NotFound("No member " + id + " in your organization."));
    }

    /**
     * Invites a person: the member exists at once (unbound, so nobody signs in as them yet) and a one-time link goes
     * to their address. Nothing changes in Keycloak until they accept; no password is ever shown to anyone.
     */
    public Invited invite(Actor actor, String email, String displayName, Collection<String> roleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "member.invite", email);
        InputCheck check = new InputCheck();
        String cleanEmail = check.email("email", email);
        String name = displayName == null || displayName.isBlank() ? null : check.text("displayName", displayName, 200);
        Set<Role> roles = check.roles("roles", roleKeys);
        check.done();
        Member member = members.findByEmail(cleanEmail).orElse(null);
        if (member != null && !member.isRemoved()) {
            throw new Conflict(cleanEmail + " is a member already.");
        }
        if (member == null) {
            member = new Member(cleanEmail, name, roles);
            members.add(member);
        } else {
            member.reinvite(name, roles);
        }
        em.flush();
        Invitation invitation = issue(actor, member);
        audit.changed(actor, actor.tenantId(), "member.invite", cleanEmail, roles.toString());
        return new Invited(MemberView.of(member), InvitationView.of(invitation));
    }

    /** The tenant's invitations, newest first, with their state (pending, accepted, expired, revoked). */
    public List<InvitationView> invitations(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "invitation.list", null);
        return invitations.all().stream().map(InvitationView::of).toList();
    }

    /** Sends a fresh link (the old one stops working), e.g. after the first expired. */
    public InvitationView resend(Actor actor, UUID invitationId) {
        audit.demand(actor, Role.ORG_ADMIN, "invitation.resend", String.valueOf(invitationId));
        Invitation old = openOrExpired(invitationId);
        Member member = members.find(old.getMemberId()).orElseThrow();
        old.revoke();
        em.flush();
        Invitation fresh = issue(actor, member);
        audit.changed(actor, actor.tenantId(), "invitation.resend", old.getEmail(), null);
        return InvitationView.of(fresh);
    }

    /** Withdraws an invitation: the link stops working and the never-joined member is removed. */
    public InvitationView revoke(Actor actor, UUID invitationId) {
        audit.demand(actor, Role.ORG_ADMIN, "invitation.revoke", String.valueOf(invitationId));
        Invitation invitation = openOrExpired(invitationId);
        invitation.revoke();
        members.find(invitation.getMemberId())
                .filter(m -> m.getSubject() == null && !m.isRemoved())
                .ifPresent(m -> m.remove(Instant.now()));
        audit.changed(actor, actor.tenantId(), "invitation.revoke", invitation.getEmail(), null);
        return InvitationView.of(invitation);
    }

    private Invitation openOrExpired(UUID invitationId) {
        Invitation invitation = invitations
                .find(invitationId)
                .orElseThrow(() -> new NotFound("No invitation " + invitationId + " in your organization."));
        if (invitation.getStatus() != Invitation.Status.PENDING) {
            throw new Conflict("That invitation was " + invitation.getState() + " already.");
        }
        return invitation;
    }

    private Invitation issue(Actor actor, Member member) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = Instant.now().plus(INVITATION_VALIDITY);
        Invitation invitation = new Invitation(member.getId(), member.getEmail(), hash(token), actor.name(), expires);
        invitations.add(invitation);
        em.flush();
        Tenant tenant = tenants.find(actor.requireTenant()).orElseThrow();
        // Last: if the mail server refuses, the invitation is rolled back and the admin told.
        mail.send(member.getEmail(), tenant.getName(), actor.name(), token, expires);
        return invitation;
    }

    /** What the accept page shows for a link; refused when the link is unknown, used, revoked or expired. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public InvitationPreview preview(String token) {
        Invitation invitation = openInvitation(token);
        return TenantContext.as(
                invitation.getTenantId(), () -> self().previewIn(invitation.getTenantId(), hash(token)));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public InvitationPreview previewIn(UUID tenantId, String tokenHash) {
        Invitation invitation = invitations.findByTokenHash(tokenHash).orElseThrow();
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        boolean viaSso = verifiedSsoConnection(invitation.getEmail()).isPresent();
        boolean needsPassword =
                !viaSso && directory.account(invitation.getEmail()).isEmpty();
        return new InvitationPreview(tenant.getName(), invitation.getEmail(), needsPassword, viaSso);
    }

    /**
     * The invited person accepts through their link. A new person's account is created with the password they chose;
     * an existing account (with a verified address) joins the organization. The member is bound to that account; the
     * link is spent.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public InvitationPreview accept(String token, String displayName, String password, String passwordAgain) {
        Invitation invitation = openInvitation(token);
        return TenantContext.as(
                invitation.getTenantId(),
                () -> self().acceptIn(invitation.getTenantId(), hash(token), displayName, password, passwordAgain));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public InvitationPreview acceptIn(
            UUID tenantId, String tokenHash, String displayName, String password, String passwordAgain) {
        Invitation invitation = invitations.findByTokenHash(tokenHash).orElseThrow();
        if (!invitation.isOpen(Instant.now())) {
            throw new Conflict("This invitation was " + invitation.getState() + "; ask for a new one.");
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        Member member = members.find(invitation.getMemberId()).orElseThrow();
        String email = invitation.getEmail();
        Actor invitee = new Actor(tenantId, member.getId(), email, Set.of());
        if (verifiedSsoConnection(email).isPresent()) {
            // They sign in through their company's provider; the first sign-in binds them.
            invitation.accept();
            audit.changed(invitee, tenantId, "invitation.accept", email, "via SSO");
            return new InvitationPreview(tenant.getName(), email, false, true);
        }
        Optional<OrganizationDirectory.Account> existing = directory.account(email);
        String userId;
        boolean created = false;
        if (existing.isPresent()) {
            if (!existing.get().emailVerified()) {
                audit.refused(
                        invitee, tenantId, "invitation.accept", email, Outcome.DENIED, "account e-mail unverified");
                throw new Conflict("An account with this address exists but has not verified it; verify the address"
                        + " (or ask platform support), then open the link again.");
            }
            userId = existing.get().id();
        } else {
            InputCheck check = new InputCheck();
            String name =
                    displayName == null || displayName.isBlank() ? null : check.text("displayName", displayName, 200);
            if (password == null || password.length() < MIN_PASSWORD) {
                check.fail("password", "Choose a password of at least " + MIN_PASSWORD + " characters.");
            } else if (!password.equals(passwordAgain)) {
                check.fail("passwordAgain", "The two passwords differ.");
            }
            check.done();
            userId = directory.createAccount(email, name == null ? member.getDisplayName() : name, password);
            created = true;
        }
        try {
            member.bind(userId);
            invitation.accept();
            em.flush();
            audit.changed(invitee, tenantId, "invitation.accept", email, created ? "new account" : "existing account");
            directory.addMember(tenant.getKeycloakOrganizationId(), userId);
        } catch (RuntimeException e) {
            if (created) {
                directory.deleteAccount(userId);
            }
            throw e;
        }
        return new InvitationPreview(tenant.getName(), email, false, false);
    }

    private Invitation openInvitation(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw new NotFound("This invitation link is not valid.");
        }
        Invitation invitation = TenantContext.asPlatform(() -> self().byTokenHash(hash(token)))
                .orElseThrow(() -> new NotFound("This invitation link is not valid."));
        if (!invitation.isOpen(Instant.now())) {
            throw new Conflict("This invitation was " + invitation.getState() + "; ask for a new one.");
        }
        return invitation;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Invitation> byTokenHash(String tokenHash) {
        return invitations.findByTokenHash(tokenHash);
    }

    public MemberView changeRoles(Actor actor, UUID memberId, Collection<String> roleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "member.roles", String.valueOf(memberId));
        Member member = find(actor, memberId);
        InputCheck check = new InputCheck();
        Set<Role> roles = check.roles("roles", roleKeys);
        check.done();
        if (member.getRoles().contains(Role.ORG_ADMIN) && !roles.contains(Role.ORG_ADMIN)) {
            requireAnotherAdmin(member);
        }
        Set<Role> before = member.getRoles();
        member.changeRoles(roles);
        audit.changed(actor, actor.tenantId(), "member.roles", member.getEmail(), before + " -> " + roles);
        return MemberView.of(member);
    }

    /**
     * Ends a membership. The member stays as a tombstone (history keeps its owner, the e-mail stays for the audit
     * trail, nobody signs in as it); the database changes first and Keycloak last, so a Keycloak refusal rolls the
     * whole removal back and the two never disagree.
     */
    public void remove(Actor actor, UUID memberId) {
        audit.demand(actor, Role.ORG_ADMIN, "member.remove", String.valueOf(memberId));
        Member member = find(actor, memberId);
        if (member.getId().equals(actor.memberId())) {
            throw new Conflict("You cannot remove yourself; ask another organization admin.");
        }
        if (member.getRoles().contains(Role.ORG_ADMIN)) {
            requireAnotherAdmin(member);
        }
        invitations.pendingFor(member.getId()).ifPresent(Invitation::revoke);
        member.remove(Instant.now());
        em.flush();
        audit.changed(actor, actor.tenantId(), "member.remove", member.getEmail(), null);
        Tenant tenant = tenants.find(actor.tenantId()).orElseThrow();
        Optional<String> account = member.getSubject() != null
                ? Optional.of(member.getSubject())
                : directory.account(member.getEmail()).map(OrganizationDirectory.Account::id);
        account.ifPresent(id -> directory.removeMember(tenant.getKeycloakOrganizationId(), id));
    }

    private void requireAnotherAdmin(Member leaving) {
        // Someone who can sign in: an invited admin who never accepted (no account yet) cannot run the organization.
        boolean another = members.all().stream()
                .anyMatch(m -> !m.getId().equals(leaving.getId())
                        && m.getRoles().contains(Role.ORG_ADMIN)
                        && m.getSubject() != null);
        if (!another) {
            throw new Conflict("An organization needs at least one org-admin; appoint another one first.");
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
