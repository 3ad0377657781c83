package io.tributary.web.tenancy;

import io.tributary.application.tenancy.SsoService;
import io.tributary.persistence.tenancy.DomainClaim;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The organization's claims to e-mail domains, and proving one by its DNS TXT record. */
@Path("domain-claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainClaimResource {

    /** A claim, with the TXT record that proves it (publish {@code recordValue} at {@code recordName}). */
    public record DomainClaimView(
            UUID id,
            UUID tenantId,
            String domain,
            String status,
            String recordName,
            String recordValue,
            String decidedBy,
            Instant createdAt,
            Instant decidedAt) {
        public static DomainClaimView of(DomainClaim c) {
            return new DomainClaimView(
                    c.getId(),
                    c.getTenantId(),
                    c.getDomain(),
                    c.getStatus().name().toLowerCase(),
                    c.getRecordName(),
                    c.getRecordValue(),
                    c.getDecidedBy(),
                    c.getCreatedAt(),
                    c.getDecidedAt());
        }
    }

    @Inject
    SsoService sso;

    @Inject
    CurrentActor actor;

    @GET
    public List<DomainClaimView> list() {
        return sso.claims(actor.get()).stream().map(DomainClaimView::of).toList();
    }

    /** Looks up the TXT record now: verified when it holds the token, else a 409 saying what is missing. */
    @POST
    @Path("{id}/dns-check")
    public DomainClaimView check(@PathParam("id") UUID id) {
        return DomainClaimView.of(sso.checkDns(actor.get(), id));
    }
}
