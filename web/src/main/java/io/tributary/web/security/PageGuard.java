package io.tributary.web.security;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Checks {@link PageAccess} against the view JSF resolved for the request, before any of the page's beans run: the
 * second line behind {@link Authentication}'s check of the URL.
 */
public class PageGuard implements PhaseListener {

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        if (faces.getViewRoot() == null || faces.getResponseComplete()) {
            return;
        }
        CurrentActor current = CDI.current().select(CurrentActor.class).get();
        PageAccess.refusal(faces.getViewRoot().getViewId(), current.isSignedIn() ? current.get() : null)
                .ifPresent(why -> {
                    ExternalContext external = faces.getExternalContext();
                    external.getRequestMap().put("refusal", why);
                    try {
                        external.responseSendError(403, why);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    faces.responseComplete();
                });
    }

    @Override
    public void beforePhase(PhaseEvent event) {}
}
