package io.tributary.application.attribution;

import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.ReceiptRecord;
import io.tributary.persistence.attribution.Shares;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The canonical text of a receipt's attribution and split, whose SHA-256 its Merkle leaf commits to: compact JSON,
 * keys in the order written here (release roots as dataNetId, version, merkleRoot), amounts as decimal strings, the serving time in microseconds (ISO-8601, as PostgreSQL keeps it), scores and weights as Java prints doubles. The proof
 * download carries this exact text, so a verifier hashes it rather than rebuilding it.
 */
final class ReceiptContent {

    private ReceiptContent() {}

    static String of(
            UUID receiptId,
            UUID modelVersionId,
            String baseSha256,
            String adapterSha256,
            String releaseRoots,
            String method,
            String methodVersion,
            List<ReceiptRecord> records,
            Shares shares,
            List<ReceiptPayee> payees,
            BigInteger charge,
            String currency,
            Instant servedAt) {
        JsonArrayBuilder recordsJson = Json.createArrayBuilder();
        for (ReceiptRecord r : records) {
            recordsJson.add(Json.createObjectBuilder()
                    .add("recordId", r.recordId().toString())
                    .add("creditedRecordId", r.creditedRecordId().toString())
                    .add("contributorId", r.contributorMemberId().toString())
                    .add("score", Double.toString(r.score()))
                    .add("weight", Double.toString(r.weight())));
        }
        JsonArrayBuilder legs = Json.createArrayBuilder();
        for (ReceiptPayee p : payees) {
            JsonObjectBuilder leg =
                    Json.createObjectBuilder().add("role", p.role().name());
            if (p.memberId() != null) leg.add("memberId", p.memberId().toString());
            legs.add(leg.add("amount", p.amount().toString()));
        }
        return Json.createObjectBuilder()
                .add("receiptId", receiptId.toString())
                .add("modelVersionId", modelVersionId.toString())
                .add("baseSha256", baseSha256)
                .add("adapterSha256", adapterSha256)
                .add("releaseRoots", roots(releaseRoots))
                .add("method", method)
                .add("methodVersion", methodVersion)
                .add("records", recordsJson)
                .add(
                        "split",
                        Json.createObjectBuilder()
                                .add("contributorsBp", shares.contributors())
                                .add("validatorsBp", shares.validators())
                                .add("ownerBp", shares.owner())
                                .add("platformBp", shares.platform()))
                .add("legs", legs)
                .add("charge", charge.toString())
                .add("currency", currency)
                .add("servedAt", servedAt.toString())
                .build()
                .toString();
    }

    /** The roots in a fixed key order (PostgreSQL's jsonb keeps its own order, so the stored text is not used). */
    private static JsonArrayBuilder roots(String releaseRoots) {
        JsonArrayBuilder roots = Json.createArrayBuilder();
        try (var reader = Json.createReader(new java.io.StringReader(releaseRoots))) {
            for (var value : reader.readArray()) {
                var o = value.asJsonObject();
                roots.add(Json.createObjectBuilder()
                        .add("dataNetId", o.getString("dataNetId"))
                        .add("version", o.getInt("version"))
                        .add("merkleRoot", o.getString("merkleRoot")));
            }
        }
        return roots;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
