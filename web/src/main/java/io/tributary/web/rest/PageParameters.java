package io.tributary.web.rest;

import io.tributary.application.InvalidInput;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters of every list endpoint ({@code @BeanParam}). The answer's body
 * stays a JSON array; {@code X-Total-Count} carries the total and {@code Link} the next and previous pages.
 */
public class PageParameters {

    @QueryParam("page")
    @Parameter(
            description = "The page, from 1. Lists answer a JSON array in a stable order; `X-Total-Count` holds the"
                    + " number of items and `Link` the `next` and `prev` pages.",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
    String page;

    @QueryParam("size")
    @Parameter(
            description = "Items per page, 1 to 200; other sizes are refused with 400.",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    String size;

    /** The old cap on list lengths, refused so that a client relying on it learns at once that lists are paged. */
    @QueryParam("max")
    @Parameter(deprecated = true, description = "Retired: any value is refused with 400 (ask for page and size).")
    String max;

    @Context
    UriInfo uri;

    /** The requested page; a page below 1, a size outside 1..200 or a non-number is refused with 400. */
    public PageRequest request() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (max != null) {
            problems.put("max", "Lists are paged: ask for page and size (at most " + PageRequest.MAX_SIZE + ").");
        }
        int p = number("page", page, 1, problems, "The page is a number from 1.");
        int s = number(
                "size",
                size,
                PageRequest.DEFAULT_SIZE,
                problems,
                "The page size is a number from 1 to " + PageRequest.MAX_SIZE + ".");
        if (p < 1) {
            problems.putIfAbsent("page", "The page is a number from 1.");
        }
        if (s < 1 || s > PageRequest.MAX_SIZE) {
            problems.putIfAbsent("size", "The page size is a number from 1 to " + PageRequest.MAX_SIZE + ".");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new PageRequest(p, s);
    }

    /** The page's items as the body, with the total and links to the neighbouring pages. */
    public Response respond(Page<?> result) {
        PageRequest request = result.request();
        Response.ResponseBuilder answer = Response.ok(result.items()).header("X-Total-Count", result.total());
        if (result.hasNext()) {
            answer.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("page", request.page() + 1)
                            .replaceQueryParam("size", request.size())
                            .build(),
                    "next");
        }
        if (request.page() > 1) {
            answer.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("page", request.page() - 1)
                            .replaceQueryParam("size", request.size())
                            .build(),
                    "prev");
        }
        return answer.build();
    }

    private static int number(String name, String value, int fallback, Map<String, String> problems, String message) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            problems.put(name, message);
            return fallback;
        }
    }
}
