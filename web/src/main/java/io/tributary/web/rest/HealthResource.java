package io.tributary.web.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Liveness for load balancers and the run command; needs no credentials. */
@Path("health")
@Tag(name = "platform")
public class HealthResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness", description = "Liveness; needs no credentials.")
    @APIResponse(responseCode = "200", description = "UP")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
