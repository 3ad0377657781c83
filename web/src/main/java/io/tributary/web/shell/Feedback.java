package io.tributary.web.shell;

import io.tributary.application.AccessDenied;
import io.tributary.application.Conflict;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.web.rest.Outage;
import io.tributary.web.rest.ProblemMapper;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a page action and tells the person how it went: a success message, or every problem with their input next to
 * the field it concerns. Refusals change nothing, because services roll back on them; so do outages of custody or
 * the chain node, which are told in fixed words.
 */
public final class Feedback {

    private static final Logger LOG = Logger.getLogger(Feedback.class.getName());

    private Feedback() {}

    public static <T> Optional<T> attempt(Supplier<T> action, String success) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            T result = action.get();
            if (success != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, success, null));
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            Throwable cause = ProblemMapper.unwrap(e);
            if (cause instanceof RuntimeException domain && isDomain(domain)) {
                report(faces, domain);
                return Optional.empty();
            }
            Optional<Outage> outage = Outage.of(e);
            if (outage.isEmpty()) {
                throw e;
            }
            LOG.log(Level.WARNING, "Dependency failure in a page action", e);
            faces.validationFailed();
            faces.addMessage(
                    null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, outage.get().message(), null));
            return Optional.empty();
        }
    }

    /** Tells the person something an action worked out, when the words depend on its result. */
    public static void inform(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void attempt(Runnable action, String success) {
        attempt(
                () -> {
                    action.run();
                    return Boolean.TRUE;
                },
                success);
    }

    /**
     * Loads what a page's {@code id} parameter names; a malformed id or one the actor may not see answers 404, as the
     * API does, and ends the response.
     */
    public static <T> Optional<T> load(String id, java.util.function.Function<java.util.UUID, T> loader)
            throws java.io.IOException {
        try {
            return Optional.of(loader.apply(java.util.UUID.fromString(id == null ? "" : id)));
        } catch (NotFound | IllegalArgumentException e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(404, "Not found");
            faces.responseComplete();
            return Optional.empty();
        }
    }

    private static boolean isDomain(RuntimeException e) {
        return e instanceof InvalidInput
                || e instanceof AccessDenied
                || e instanceof NotFound
                || e instanceof Conflict
                || e instanceof io.tributary.persistence.rewards.LedgerException;
    }

    private static void report(FacesContext faces, RuntimeException e) {
        faces.validationFailed();
        if (e instanceof InvalidInput invalid) {
            invalid.violations()
                    .forEach((field, message) ->
                            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, field)));
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }
}
