package io.tributary.web.attribution;

import io.tributary.application.attribution.AttributionQuality;
import io.tributary.application.attribution.AttributionQuality.QualityView;
import io.tributary.application.attribution.ReceiptService;
import io.tributary.application.attribution.ReceiptViews.ReceiptView;
import io.tributary.application.attribution.ReceiptViews.SpanView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One receipt: the model version, the answer with its verbatim spans marked, the top records and the split. */
@Named
@ViewScoped
public class ReceiptPage implements Serializable {

    /** A piece of the answer, copied verbatim from training records or not. */
    public record Piece(String text, boolean verbatim, String records) {}

    @Inject
    transient ReceiptService receipts;

    @Inject
    transient AttributionQuality quality;

    @Inject
    CurrentActor actor;

    private String id;
    private ReceiptView receipt;
    private QualityView attributionQuality;

    public void load() throws java.io.IOException {
        Feedback.load(id, receiptId -> receipts.receipt(actor.get(), receiptId)).ifPresent(r -> receipt = r);
    }

    /** The answer cut into pieces so that the page marks each verbatim span (found by its text, first match). */
    public List<Piece> getAnswer() {
        List<Piece> pieces = new ArrayList<>();
        if (receipt == null) return pieces;
        String text = receipt.completion();
        int at = 0;
        for (SpanView s : receipt.spans().stream()
                .sorted(Comparator.comparingInt(SpanView::start))
                .toList()) {
            int found = text.indexOf(s.text(), at);
            if (found < 0 || s.text().isEmpty()) continue;
            if (found > at) pieces.add(new Piece(text.substring(at, found), false, null));
            pieces.add(new Piece(s.text(), true, String.join(", ", s.recordIds())));
            at = found + s.text().length();
        }
        if (at < text.length()) pieces.add(new Piece(text.substring(at), false, null));
        return pieces;
    }

    /** The attributing method's name for people. */
    public String getMethodTitle() {
        return receipt == null ? "" : AttributionQuality.title(receipt.method());
    }

    /** The method's version string in words. */
    public String getMethodVersionInWords() {
        return receipt == null ? "" : AttributionQuality.versionInWords(receipt.methodVersion());
    }

    /** A payee role in words. */
    public String role(String role) {
        return switch (role) {
            case "CONTRIBUTOR" -> "Data contributor";
            case "VALIDATOR" -> "Validator";
            case "MODEL_OWNER" -> "Model owner";
            case "PLATFORM" -> "Platform";
            default -> role;
        };
    }

    /** How the model version's answers are attributed and how faithful that measured. */
    public QualityView getAttributionQuality() {
        if (attributionQuality == null && receipt != null) {
            try {
                attributionQuality = quality.of(actor.get(), receipt.modelVersionId());
            } catch (io.tributary.application.NotFound gone) {
                return null;
            }
        }
        return attributionQuality;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public ReceiptView getReceipt() {
        return receipt;
    }
}
