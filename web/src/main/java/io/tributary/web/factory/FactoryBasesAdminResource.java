package io.tributary.web.factory;

import io.tributary.application.factory.BaseCatalogue;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform staff: the base models every organization may fine-tune, registered from zipped folders and retired. */
@Path("admin/factory/bases")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class FactoryBasesAdminResource {

    @Inject
    BaseCatalogue catalogue;

    @Inject
    CurrentActor actor;

    @Operation(summary = "Every base model, shared or an organization's, retired or not (platform staff)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    public List<BaseView> bases() {
        return catalogue.all(actor.get());
    }

    @Operation(
            summary = "Register a zipped Hugging Face folder (config.json, model.safetensors, tokenizer.json) as a base"
                    + " for every organization (platform staff)")
    @APIResponse(responseCode = "201", description = "The base")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @POST
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    public Response register(@QueryParam("name") String name, @QueryParam("licence") String licence, InputStream zip) {
        BaseView base = catalogue.registerShared(actor.get(), name, licence, zip);
        return Response.created(URI.create("admin/factory/bases/" + base.id()))
                .entity(base)
                .build();
    }

    @Operation(summary = "Retire a base: no new runs on it; runs and versions that used it keep it (platform staff)")
    @APIResponse(responseCode = "200", description = "The base")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @POST
    @Path("{id}/retire")
    public BaseView retire(@PathParam("id") UUID id) {
        return catalogue.retire(actor.get(), id);
    }
}
