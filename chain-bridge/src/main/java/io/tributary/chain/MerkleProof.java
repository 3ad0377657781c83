package io.tributary.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The proof that a record belongs to a release's Merkle root, in a JSON form a contributor can download and check
 * without Tributary (see chain-bridge/README.md for the format).
 *
 * @param leaf the leaf as the publisher computed it; {@link #verify()} recomputes it rather than trusting it
 */
public record MerkleProof(ReleaseRecord record, Bytes32 leaf, List<Bytes32> proof, Bytes32 root) {
    /** Names the hash so that a reader need not guess between keccak-256 and NIST SHA3-256, which differ. */
    public static final String HASH = "keccak256";

    // Jackson arrives with web3j; a mapper is thread-safe once configured.
    private static final ObjectMapper JSON = new ObjectMapper();

    public MerkleProof {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(root, "root");
        proof = List.copyOf(proof);
    }

    /** True when the record's own fields hash to the leaf and the proof leads from that leaf to the root. */
    public boolean verify() {
        return record.leaf().equals(leaf) && MerkleTree.verify(leaf, proof, root);
    }

    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("encoding", ReleaseRecord.ENCODING);
        json.put("hash", HASH);
        ObjectNode fields = json.putObject("record");
        fields.put("recordId", record.recordId().toString());
        fields.put("contentSha256", record.contentSha256().hex());
        fields.put("contributorId", record.contributorId().toString());
        ArrayNode types = json.putArray("leafEncoding");
        for (String type : ReleaseRecord.LEAF_TYPES) {
            types.add(type);
        }
        ArrayNode values = json.putArray("leafValues");
        for (Bytes32 value : record.leafValues()) {
            values.add(value.hex());
        }
        json.put("leaf", leaf.hex());
        ArrayNode siblings = json.putArray("proof");
        proof.forEach(sibling -> siblings.add(sibling.hex()));
        json.put("root", root.hex());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serialises", e);
        }
    }

    /**
     * Reads {@link #toJson()}'s format; {@code leafEncoding} and {@code leafValues} are derived, so they are ignored.
     *
     * @throws IllegalArgumentException when the text is not such a proof or names another encoding or hash
     */
    public static MerkleProof fromJson(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("A Merkle proof is a JSON object");
        }
        String encoding = text(json, "encoding");
        if (!ReleaseRecord.ENCODING.equals(encoding)) {
            throw new IllegalArgumentException(
                    "Unsupported leaf encoding " + encoding + ", expected " + ReleaseRecord.ENCODING);
        }
        if (!HASH.equals(text(json, "hash"))) {
            throw new IllegalArgumentException("Unsupported hash " + text(json, "hash") + ", expected " + HASH);
        }
        JsonNode fields = json.get("record");
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("Missing object: record");
        }
        JsonNode siblings = json.get("proof");
        if (siblings == null || !siblings.isArray()) {
            throw new IllegalArgumentException("Missing array: proof");
        }
        List<Bytes32> proof = new ArrayList<>();
        for (JsonNode sibling : siblings) {
            if (!sibling.isTextual()) {
                throw new IllegalArgumentException("Proof entries are hex strings: " + sibling);
            }
            proof.add(Bytes32.of(sibling.asText()));
        }
        try {
            ReleaseRecord record = new ReleaseRecord(
                    uuid(text(fields, "recordId")),
                    Bytes32.of(text(fields, "contentSha256")),
                    uuid(text(fields, "contributorId")));
            return new MerkleProof(record, Bytes32.of(text(json, "leaf")), proof, Bytes32.of(text(json, "root")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed Merkle proof: " + e.getMessage(), e);
        }
    }

    /** UUID.fromString accepts short forms such as "1-2-3-4-5"; a proof names the record exactly as stored. */
    private static UUID uuid(String text) {
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("Not a canonical UUID: " + text);
        }
        return uuid;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("Missing text field: " + field);
        }
        return value.asText();
    }
}
