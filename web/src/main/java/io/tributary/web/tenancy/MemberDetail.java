package io.tributary.web.tenancy;

import io.tributary.application.tenancy.MemberView;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;

/** One member's page; an id from another organization (or no such id) is a 404, as in the API. */
@Named
@RequestScoped
public class MemberDetail {

    @Inject
    MembershipService membership;

    @Inject
    CurrentActor actor;

    private String id;
    private MemberView member;

    /** Loads the member named by the {@code id} view parameter, answering 404 when there is none in this tenant. */
    public void load() throws IOException {
        member = Feedback.load(id, memberId -> membership.member(actor.get(), memberId))
                .orElse(null);
    }

    public MemberView getMember() {
        return member;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
