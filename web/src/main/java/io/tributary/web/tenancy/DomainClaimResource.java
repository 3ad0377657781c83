package io.tributary.web.tenancy;

import io.tributary.application.tenancy.SsoService;
import io.tributary.persistence.tenancy.DomainClaim;
import io.tributary.web.rest.TributaryApi;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's claims to e-mail domains, and proving one by its DNS TXT record. */
@Path("domain-claims")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
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
    @Operation(
            summary = "The organization's e-mail domain claims with the TXT record proving each",
            description = "The organization's e-mail domain claims with the TXT record proving each " + "(org-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public List<DomainClaimView> list() {
        return sso.claims(actor.get()).stream().map(DomainClaimView::of).toList();
    }

    /** Looks up the TXT record now: verified when it holds the token, else a 409 saying what is missing. */
    @POST
    @Path("{id}/dns-check")
    @Operation(
            summary = "Look up the claim's TXT record now",
            description =
                    "Look up the claim's TXT record now; verified when it holds the token, else 409 " + "(org-admin).")
    @APIResponse(responseCode = "200", description = "Verified")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public DomainClaimView check(@PathParam("id") UUID id) {
        return DomainClaimView.of(sso.checkDns(actor.get(), id));
    }
}
