package io.tributary.web.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Serves the OpenAPI document (kept beside the code; a test checks it lists every resource method). */
@Path("openapi.yaml")
public class OpenApiResource {

    @GET
    @Produces("application/yaml")
    public Response document() {
        InputStream document = getClass().getResourceAsStream("/openapi.yaml");
        return Response.ok(document).build();
    }
}
