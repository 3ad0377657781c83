package io.tributary.web.tenancy;

import io.tributary.application.NotFound;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.tenancy.Member;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.UUID;

/** One member's page; an id from another organization (or no such id) is a 404, as in the API. */
@Named
@RequestScoped
public class MemberDetail {

    @Inject
    MembershipService membership;

    @Inject
    CurrentActor actor;

    private String id;
    private Member member;

    /** Loads the member named by the {@code id} view parameter, answering 404 when there is none in this tenant. */
    public void load() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            member = membership.member(actor.get(), UUID.fromString(id == null ? "" : id));
        } catch (NotFound | IllegalArgumentException e) {
            faces.getExternalContext().responseSendError(404, "No such member");
            faces.responseComplete();
        }
    }

    public Member getMember() {
        return member;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
