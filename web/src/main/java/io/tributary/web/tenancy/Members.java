package io.tributary.web.tenancy;

import io.tributary.application.tenancy.InvitationView;
import io.tributary.application.tenancy.MemberView;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The organization's members page: invite, change roles, remove. */
@Named
@ViewScoped
public class Members implements Serializable {

    @Inject
    transient MembershipService membership;

    @Inject
    CurrentActor actor;

    private String email;
    private String displayName;
    private List<String> roles = new ArrayList<>(List.of(Role.CONTRIBUTOR.key()));
    private String invitedEmail;
    private UUID editing;
    private List<String> editedRoles = new ArrayList<>();

    private final PagedTable<MemberView> table = new PagedTable<>() {
        @Override
        protected Page<MemberView> page(ListQuery query) {
            return membership.members(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return membership.memberColumns();
        }

        @Override
        protected Object key(MemberView row) {
            return row.id();
        }
    };

    public PagedTable<MemberView> getMembers() {
        return table;
    }

    public List<String> getGrantableRoles() {
        return Arrays.stream(Role.values())
                .filter(Role::grantableByTenant)
                .map(Role::key)
                .toList();
    }

    public static List<String> keys(MemberView member) {
        return member.roles();
    }

    public void invite() {
        Feedback.attempt(() -> membership.invite(actor.get(), email, displayName, roles), null)
                .ifPresent(invited -> {
                    invitedEmail = invited.member().email();
                    Feedback.inform("Invited " + invitedEmail + ": they got an e-mail with a link to accept.");
                    email = null;
                    displayName = null;
                });
    }

    public long getInvitationDays() {
        return MembershipService.INVITATION_VALIDITY.toDays();
    }

    public List<InvitationView> getInvitations() {
        return membership.invitations(actor.get());
    }

    public void resend(InvitationView invitation) {
        Feedback.attempt(
                () -> membership.resend(actor.get(), invitation.id()),
                "Sent a new link to " + invitation.email() + "; the old one no longer works.");
    }

    public void revoke(InvitationView invitation) {
        Feedback.attempt(
                () -> membership.revoke(actor.get(), invitation.id()),
                "Revoked the invitation of " + invitation.email() + ".");
    }

    public void edit(MemberView member) {
        editing = member.id();
        editedRoles = new ArrayList<>(keys(member));
    }

    public void saveRoles() {
        Feedback.attempt(() -> membership.changeRoles(actor.get(), editing, editedRoles), "Roles updated.")
                .ifPresent(m -> editing = null);
    }

    public void remove(MemberView member) {
        Feedback.attempt(() -> membership.remove(actor.get(), member.id()), "Removed " + member.email() + ".");
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public String getInvitedEmail() {
        return invitedEmail;
    }

    public UUID getEditing() {
        return editing;
    }

    public List<String> getEditedRoles() {
        return editedRoles;
    }

    public void setEditedRoles(List<String> editedRoles) {
        this.editedRoles = editedRoles;
    }
}
