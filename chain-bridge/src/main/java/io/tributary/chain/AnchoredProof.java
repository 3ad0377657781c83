package io.tributary.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Merkle inclusion proof that stands alone: what the leaf commits to, the leaf's encoding and values, the siblings up
 * to the root, and where the root is anchored (chain id, ProvenanceRegistry address, anchoring transaction and block,
 * kind and subject), so a third party checks it with nothing but this file and a chain node. The one downloadable
 * proof format ({@value #FORMAT}) of DataNet release records and attribution receipts; docs/proofs.md describes it
 * field by field.
 *
 * <p>Every leaf value is a {@code bytes32} word and the leaf is OpenZeppelin's {@code StandardMerkleTree} leaf of
 * those words ({@link MerkleTree#standardLeaf}), so {@code StandardMerkleTree.verify(root, leafEncoding, leafValues,
 * proof)} from {@code @openzeppelin/merkle-tree} checks the inclusion, and {@code anchorOf(root)} of the registry at
 * {@code anchor.registry} on chain {@code anchor.chainId} checks the anchor.
 *
 * @param encoding the leaf encoding's name, such as {@value ReleaseRecord#ENCODING}: it says how {@code record} maps
 *     to {@code leafValues}; a changed mapping is a new name
 * @param record what the leaf commits to, by name, as text in the encoding's order (for a release record: recordId,
 *     contentSha256, contributorId)
 * @param leafValues the words hashed into the leaf, each of Solidity type {@code bytes32}
 * @param leaf the leaf as the publisher computed it; {@link #verifyInclusion()} recomputes it rather than trusting it
 * @param proof the siblings from the leaf up to the root
 * @param context what the root belongs to, for people (for a release: releaseId, dataNetId, version); not hashed
 * @param anchor where the root is anchored; null while it still waits to be anchored
 */
public record AnchoredProof(
        String encoding,
        Map<String, String> record,
        List<Bytes32> leafValues,
        Bytes32 leaf,
        List<Bytes32> proof,
        Bytes32 root,
        Map<String, String> context,
        Anchor anchor) {

    /** The name of this document's format; a reader refuses other names. */
    public static final String FORMAT = "tributary.proof.v1";

    /** Names the hash so that a reader need not guess between keccak-256 and NIST SHA3-256, which differ. */
    public static final String HASH = "keccak256";

    /** The Solidity type of every leaf value. */
    public static final String LEAF_TYPE = "bytes32";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where a root is anchored: the registry's {@code anchorOf(root)} on that chain answers {@code kind} and
     * {@code subject}, and the registry's {@code RootAnchored} event in that block carries the metadata text.
     *
     * @param subject the word the root was anchored under ({@code anchorOf(root).subject})
     * @param subjectId what {@code subject} stands for, as text (a release's or batch's UUID)
     * @param transactionHash the anchoring transaction; null when the platform found the root already anchored (sent
     *     before a crash, never recorded): the block then still says where its {@code RootAnchored} event is
     */
    public record Anchor(
            long chainId,
            EvmAddress registry,
            AnchorKind kind,
            Bytes32 subject,
            String subjectId,
            String transactionHash,
            long blockNumber) {
        public Anchor {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
        }
    }

    public AnchoredProof {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(root, "root");
        record = Collections.unmodifiableMap(new LinkedHashMap<>(record));
        leafValues = List.copyOf(leafValues);
        proof = List.copyOf(proof);
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context == null ? Map.of() : context));
    }

    /** A release record's proof with what the root belongs to and where it is anchored. */
    public static AnchoredProof ofRelease(MerkleProof proof, Map<String, String> context, Anchor anchor) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("recordId", proof.record().recordId().toString());
        record.put("contentSha256", proof.record().contentSha256().hex());
        record.put("contributorId", proof.record().contributorId().toString());
        return new AnchoredProof(
                ReleaseRecord.ENCODING,
                record,
                proof.record().leafValues(),
                proof.leaf(),
                proof.proof(),
                proof.root(),
                context,
                anchor);
    }

    /** The Solidity types of the leaf values, as OpenZeppelin's {@code StandardMerkleTree} takes them. */
    public List<String> leafEncoding() {
        return Collections.nCopies(leafValues.size(), LEAF_TYPE);
    }

    /**
     * True when the leaf values hash to the leaf and the proof leads from it to the root. It does not check that
     * {@code record} maps to {@code leafValues}: that is the encoding's own rule ({@link #releaseProof()} for release
     * records), nor the anchor, which needs the chain.
     */
    public boolean verifyInclusion() {
        return !leafValues.isEmpty()
                && MerkleTree.standardLeaf(leafValues).equals(leaf)
                && MerkleTree.verify(leaf, proof, root);
    }

    /**
     * This proof as a release record's proof, whose {@link MerkleProof#verify()} also rebuilds the leaf from the
     * record's fields.
     *
     * @throws IllegalArgumentException when it is not a release record's proof or its record is malformed
     */
    public MerkleProof releaseProof() {
        if (!ReleaseRecord.ENCODING.equals(encoding)) {
            throw new IllegalArgumentException("Not a release record's proof: encoding " + encoding);
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("encoding", encoding);
        json.put("hash", HASH);
        ObjectNode fields = json.putObject("record");
        record.forEach(fields::put);
        json.put("leaf", leaf.hex());
        ArrayNode siblings = json.putArray("proof");
        proof.forEach(p -> siblings.add(p.hex()));
        json.put("root", root.hex());
        return MerkleProof.fromJson(json.toString());
    }

    /** The document as it downloads (pretty-printed JSON, fields in a fixed order). */
    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("encoding", encoding);
        json.put("hash", HASH);
        ObjectNode fields = json.putObject("record");
        record.forEach(fields::put);
        ArrayNode types = json.putArray("leafEncoding");
        leafEncoding().forEach(types::add);
        ArrayNode values = json.putArray("leafValues");
        leafValues.forEach(v -> values.add(v.hex()));
        json.put("leaf", leaf.hex());
        ArrayNode siblings = json.putArray("proof");
        proof.forEach(p -> siblings.add(p.hex()));
        json.put("root", root.hex());
        ObjectNode about = json.putObject("context");
        context.forEach(about::put);
        if (anchor == null) {
            json.putNull("anchor");
        } else {
            ObjectNode a = json.putObject("anchor");
            a.put("chainId", anchor.chainId());
            a.put("registry", anchor.registry().checksummed());
            a.put("kind", solidityKind(anchor.kind()));
            a.put("subject", anchor.subject().hex());
            a.put("subjectId", anchor.subjectId());
            a.put("transactionHash", anchor.transactionHash());
            a.put("blockNumber", anchor.blockNumber());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings and numbers always serialises", e);
        }
    }

    /**
     * Reads {@link #toJson()}'s format; {@code leafEncoding} is derived, so it is only checked.
     *
     * @throws IllegalArgumentException when the text is not such a proof, or names another format or hash
     */
    public static AnchoredProof fromJson(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("A proof is a JSON object");
        }
        if (!FORMAT.equals(text(json, "format"))) {
            throw new IllegalArgumentException(
                    "Unsupported proof format " + text(json, "format") + ", expected " + FORMAT);
        }
        if (!HASH.equals(text(json, "hash"))) {
            throw new IllegalArgumentException("Unsupported hash " + text(json, "hash") + ", expected " + HASH);
        }
        try {
            List<Bytes32> values = words(json, "leafValues");
            JsonNode types = json.get("leafEncoding");
            if (types == null || !types.isArray() || types.size() != values.size()) {
                throw new IllegalArgumentException("leafEncoding must name one type per leaf value");
            }
            for (JsonNode type : types) {
                if (!LEAF_TYPE.equals(type.asText())) {
                    throw new IllegalArgumentException("Unsupported leaf value type " + type + ", expected bytes32");
                }
            }
            JsonNode a = json.get("anchor");
            Anchor anchor = null;
            if (a != null && !a.isNull()) {
                if (!a.isObject()) {
                    throw new IllegalArgumentException("anchor must be an object or null");
                }
                JsonNode tx = a.get("transactionHash");
                anchor = new Anchor(
                        number(a, "chainId"),
                        EvmAddress.of(text(a, "registry")),
                        kindOf(text(a, "kind")),
                        Bytes32.of(text(a, "subject")),
                        a.hasNonNull("subjectId") ? text(a, "subjectId") : null,
                        tx == null || tx.isNull() ? null : text(a, "transactionHash"),
                        number(a, "blockNumber"));
            }
            return new AnchoredProof(
                    text(json, "encoding"),
                    strings(json, "record"),
                    values,
                    Bytes32.of(text(json, "leaf")),
                    words(json, "proof"),
                    Bytes32.of(text(json, "root")),
                    json.has("context") ? strings(json, "context") : Map.of(),
                    anchor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed proof: " + e.getMessage(), e);
        }
    }

    /** The contract's enum constant names, as the ABI and explorers show them. */
    static String solidityKind(AnchorKind kind) {
        return switch (kind) {
            case DATANET_RELEASE -> "DataNetRelease";
            case ATTRIBUTION_BATCH -> "AttributionBatch";
        };
    }

    private static AnchorKind kindOf(String name) {
        for (AnchorKind kind : AnchorKind.values()) {
            if (solidityKind(kind).equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown anchor kind " + name);
    }

    private static List<Bytes32> words(JsonNode json, String field) {
        JsonNode array = json.get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("Missing array: " + field);
        }
        List<Bytes32> words = new ArrayList<>();
        for (JsonNode word : array) {
            if (!word.isTextual()) {
                throw new IllegalArgumentException(field + " entries are hex strings: " + word);
            }
            words.add(Bytes32.of(word.asText()));
        }
        return words;
    }

    private static Map<String, String> strings(JsonNode json, String field) {
        JsonNode object = json.get(field);
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("Missing object: " + field);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " must be text");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private static long number(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("Missing whole number: " + field);
        }
        return value.asLong();
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("Missing text field: " + field);
        }
        return value.asText();
    }
}
