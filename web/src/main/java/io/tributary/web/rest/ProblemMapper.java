package io.tributary.web.rest;

import io.tributary.application.AccessDenied;
import io.tributary.application.Conflict;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.Unauthenticated;
import io.tributary.persistence.rewards.InvalidTransfer;
import io.tributary.persistence.rewards.LedgerException;
import io.tributary.persistence.rewards.UnknownAccount;
import io.tributary.persistence.rewards.UnknownTransfer;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into a problem document: domain refusals keep their message, the unexpected get a reference. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        String path = uri == null ? null : uri.getRequestUri().getPath();
        if (cause instanceof InvalidInput invalid) {
            return Problem.of(400, invalid.getMessage(), path)
                    .withErrors(invalid.violations())
                    .response();
        }
        if (cause instanceof JsonbException || cause instanceof ProcessingException) {
            return Problem.of(400, "The request body is not valid JSON of the expected shape.", path)
                    .response();
        }
        if (cause instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String detail = status == 404
                    ? "No such resource."
                    : status == 405 ? "That method is not allowed here." : web.getMessage();
            return Problem.of(status, detail, path).response();
        }
        int status = statusOf(cause);
        if (status != 500) {
            return Problem.of(status, cause.getMessage(), path).response();
        }
        // Custody and chain failures may carry file names or node URLs: people get fixed words, the log the details.
        Optional<Outage> outage = Outage.of(failure);
        if (outage.isPresent()) {
            LOG.log(Level.WARNING, "Dependency failure on " + path, failure);
            Response problem = Problem.of(outage.get().status(), outage.get().message(), path)
                    .response();
            return outage.get().status() == 503
                    ? Response.fromResponse(problem).header("Retry-After", "30").build()
                    : problem;
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure " + reference + " on " + path, cause);
        return Problem.of(500, "Something went wrong on our side (reference " + reference + ").", path)
                .response();
    }

    /** The failure inside the EJB container's wrappers, which nest when one bean's failure passes through another. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof EJBException && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The status of a refusal the domain explains itself; 500 for anything else. */
    static int statusOf(Throwable cause) {
        if (cause instanceof InvalidTransfer) return 400;
        if (cause instanceof Unauthenticated) return 401;
        if (cause instanceof AccessDenied) return 403;
        if (cause instanceof NotFound || cause instanceof UnknownAccount || cause instanceof UnknownTransfer) {
            return 404;
        }
        if (cause instanceof Conflict || cause instanceof LedgerException) return 409;
        if (cause instanceof io.tributary.application.IdempotencyMismatch) return 422;
        return 500;
    }
}
