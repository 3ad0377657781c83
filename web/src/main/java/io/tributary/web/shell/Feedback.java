package io.tributary.web.shell;

import io.tributary.application.AccessDenied;
import io.tributary.application.Conflict;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a page action and tells the person how it went: a success message, or every problem with their input next to
 * the field it concerns. Refusals change nothing, because services roll back on them.
 */
public final class Feedback {

    private Feedback() {}

    public static <T> Optional<T> attempt(Supplier<T> action, String success) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            T result = action.get();
            if (success != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, success, null));
            }
            return Optional.ofNullable(result);
        } catch (EJBException e) {
            if (e.getCause() instanceof RuntimeException cause && isDomain(cause)) {
                report(faces, cause);
                return Optional.empty();
            }
            throw e;
        } catch (RuntimeException e) {
            if (!isDomain(e)) {
                throw e;
            }
            report(faces, e);
            return Optional.empty();
        }
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
