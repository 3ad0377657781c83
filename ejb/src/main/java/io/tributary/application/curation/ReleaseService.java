package io.tributary.application.curation;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.NotFound;
import io.tributary.application.Settings;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.chain.AnchorKind;
import io.tributary.chain.AnchoredProof;
import io.tributary.chain.Bytes32;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.MerkleProof;
import io.tributary.chain.MerkleTree;
import io.tributary.chain.ReleaseRecord;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.curation.ReleaseEntry;
import io.tributary.persistence.curation.ReleaseRepository;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.LeafInput;
import io.tributary.persistence.datanet.ReleasedRecord;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Publishing immutable DataNet releases: the accepted records at that moment, committed to by a keccak-256 Merkle root
 * (leaf encoding {@value ReleaseRecord#ENCODING}, see chain-bridge), with a downloadable proof per record.
 */
@Stateless
public class ReleaseService {

    /** The largest release: its tree's node layout (64 bytes a record) must fit one Java array. */
    static final int MAX_RECORDS = 16_000_000;

    /** Entries written between flushes while publishing. */
    private static final int FLUSH_EVERY = 1_000;

    /** Size of one stored part of a tree: 32,768 nodes. */
    static final int TREE_PART_BYTES = 1 << 20;

    /** Json.createX() runs a service lookup on every call; an export makes three per record. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    DataNetService dataNets;

    @Inject
    ContributionRepository contributions;

    @Inject
    ReleaseRepository releases;

    @Inject
    MemberNames names;

    @Inject
    AuditLog audit;

    @Inject
    DomainEvents events;

    public Release publish(Actor actor, UUID dataNetId) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        if (!dataNets.isOwner(actor, dataNet)) {
            throw new AccessDenied("Only the DataNet's owner publishes releases.");
        }
        long accepted = contributions.countAccepted(dataNetId);
        if (accepted == 0) {
            throw new Conflict("There are no accepted records to release yet.");
        }
        if (accepted > MAX_RECORDS) {
            throw new Conflict(
                    "A release holds at most " + MAX_RECORDS + " records; this DataNet has " + accepted + ".");
        }
        int latest = releases.latestVersion(dataNetId);
        if (latest > 0 && releases.find(dataNetId, latest).orElseThrow().getRecordCount() == accepted) {
            throw new Conflict("Nothing was accepted since v" + latest + "; there is nothing new to release.");
        }
        int size = (int) accepted;
        // Two streamed passes over the records: the first feeds the leaves to the tree, the second writes the entries.
        // Between them only the tree is held: 64 bytes per record.
        MerkleTree tree;
        try (Stream<LeafInput> inputs = contributions.acceptedLeafInputs(dataNetId)) {
            tree = MerkleTree.of(size, inputs.map(ReleaseService::leaf).iterator());
        } catch (IllegalArgumentException countChanged) {
            throw new Conflict("Records were accepted while the release was built; publish again.");
        }
        Release release = new Release(dataNetId, latest + 1, tree.root().hex(), size, actor.name());
        releases.add(release);
        releases.flushEntries();
        int[] written = {0};
        try (Stream<LeafInput> inputs = contributions.acceptedLeafInputs(dataNetId)) {
            inputs.forEach(input -> {
                releases.add(new ReleaseEntry(
                        release.getId(), input.contributionId(), leaf(input).hex()));
                if (++written[0] % FLUSH_EVERY == 0) {
                    releases.flushEntries();
                }
            });
        }
        if (written[0] != size) {
            throw new Conflict("Records were accepted while the release was written; publish again.");
        }
        storeTree(release.getId(), tree);
        releases.flushEntries();
        audit.changed(
                actor,
                dataNet.getOwnerTenantId(),
                "release.publish",
                dataNet.getName() + " v" + release.getVersion(),
                release.getMerkleRoot() + " over " + size + " records");
        events.publish(
                new ReleasePublished(release.getId(), dataNetId, release.getVersion(), release.getMerkleRoot(), size));
        return release;
    }

    private void storeTree(UUID releaseId, MerkleTree tree) {
        for (int part = 0; (long) part * TREE_PART_BYTES < tree.nodeByteCount(); part++) {
            int from = part * TREE_PART_BYTES;
            releases.addTreePart(
                    releaseId, part, tree.nodeBytes(from, Math.min(tree.nodeByteCount(), from + TREE_PART_BYTES)));
        }
    }

    /**
     * Stores the tree of a release published before trees were stored, from the leaves its entries kept; a no-op for
     * every other release.
     */
    private void storeMissingTree(Release release) {
        if (releases.hasTree(release.getId())) {
            return;
        }
        try (Stream<String> leaves = releases.leaves(release.getId())) {
            storeTree(
                    release.getId(),
                    MerkleTree.of(
                            release.getRecordCount(), leaves.map(Bytes32::of).iterator()));
        }
    }

    /** The stored tree, read part by part: 64 bytes per record, none of the records themselves. */
    private MerkleTree loadTree(Release release) {
        int length = (2 * release.getRecordCount() - 1) * 32;
        byte[] nodes = new byte[length];
        for (int part = 0; (long) part * TREE_PART_BYTES < length; part++) {
            int from = part * TREE_PART_BYTES;
            int count = Math.min(length, from + TREE_PART_BYTES) - from;
            System.arraycopy(releases.treeBytes(release.getId(), part, 0, count), 0, nodes, from, count);
        }
        return MerkleTree.ofNodes(nodes);
    }

    private Bytes32 storedNode(Release release, int index) {
        long offset = (long) index * 32;
        return Bytes32.of(releases.treeBytes(
                release.getId(), (int) (offset / TREE_PART_BYTES), (int) (offset % TREE_PART_BYTES), 32));
    }

    public Page<Release> releases(Actor actor, UUID dataNetId, PageRequest page) {
        dataNets.get(actor, dataNetId);
        return releases.ofDataNet(dataNetId, page);
    }

    /** Publishes a release (see {@link #publish}) and answers it as pages and the API show it. */
    public ReleaseView publishView(Actor actor, UUID dataNetId) {
        return ReleaseView.of(publish(actor, dataNetId), true);
    }

    /** The releases as pages show them, newest first unless sorted otherwise (see {@link #COLUMNS}). */
    public Page<ReleaseView> views(Actor actor, UUID dataNetId, ListQuery query) {
        boolean own = dataNets.get(actor, dataNetId).isOwnedBy(actor.tenantId());
        return releases.ofDataNet(dataNetId, COLUMNS.accept(query)).map(r -> ReleaseView.of(r, own));
    }

    /** The columns a DataNet's releases sort by. */
    public static final Columns COLUMNS = ReleaseRepository.LIST;

    public Release release(Actor actor, UUID dataNetId, int version) {
        dataNets.get(actor, dataNetId);
        return releases.find(dataNetId, version)
                .orElseThrow(() -> new NotFound("This DataNet has no release v" + version + "."));
    }

    /** Whether the record is in that release of the DataNet (attribution: was it part of what a model learned?). */
    public boolean contains(UUID dataNetId, int version, UUID contributionId) {
        return releases.find(dataNetId, version)
                .flatMap(r -> releases.leaf(r.getId(), contributionId))
                .isPresent();
    }

    /**
     * A record's Merkle proof in a release, as a JSON document anyone can verify. Reads the record's leaf and about
     * 2 log2(n) stored tree nodes, never the release.
     */
    public MerkleProof proof(Actor actor, UUID dataNetId, int version, UUID contributionId) {
        Release release = release(actor, dataNetId, version);
        storeMissingTree(release);
        NotFound missing = new NotFound("Record " + contributionId + " is not in v" + version + ".");
        Bytes32 leaf = Bytes32.of(releases.leaf(release.getId(), contributionId).orElseThrow(() -> missing));
        Contribution c = contributions.find(contributionId).orElseThrow(() -> missing);
        ReleaseRecord record = record(c);
        List<Bytes32> siblings = MerkleTree.proof(release.getRecordCount(), leaf, index -> storedNode(release, index));
        Bytes32 root = Bytes32.of(release.getMerkleRoot());
        if (siblings == null || !record.leaf().equals(leaf) || !MerkleTree.verify(leaf, siblings, root)) {
            throw new IllegalStateException("Release v" + version + " no longer matches its published root");
        }
        return new MerkleProof(record, leaf, siblings, root);
    }

    /**
     * A record's proof as it downloads: the Merkle proof with the release it belongs to and where its root is anchored
     * (chain id, registry, transaction, block, subject), so it verifies with nothing but the file and a chain node
     * (format {@value AnchoredProof#FORMAT}, docs/proofs.md). The anchor is null while the root waits to be anchored.
     */
    public AnchoredProof anchoredProof(Actor actor, UUID dataNetId, int version, UUID contributionId) {
        MerkleProof proof = proof(actor, dataNetId, version, contributionId);
        Release release = release(actor, dataNetId, version);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("releaseId", release.getId().toString());
        context.put("dataNetId", dataNetId.toString());
        context.put("version", Integer.toString(version));
        AnchoredProof.Anchor anchor = anchor(release);
        if (anchor != null) {
            // Releases anchored before V20 stand under their DataNet's id; say so rather than let a verifier guess.
            context.put(
                    "anchoredUnder",
                    anchor.subject().equals(Bytes32.fromUuid(release.getId())) ? "releaseId" : "dataNetId");
        }
        return AnchoredProof.ofRelease(proof, context, anchor);
    }

    /** Where the release's root is anchored, or null while it waits (or no chain is configured for an old anchor). */
    static AnchoredProof.Anchor anchor(Release release) {
        if (release.getAnchoredBlock() == null) {
            return null;
        }
        // Anchored before V20: the chain and registry were not recorded, and are the ones this deployment uses.
        String registry = release.getAnchorRegistry() != null
                ? release.getAnchorRegistry()
                : Settings.CHAIN_REGISTRY.value().strip();
        if (registry.isEmpty()) {
            return null;
        }
        long chainId = release.getAnchorChainId() != null
                ? release.getAnchorChainId()
                : Long.parseLong(Settings.CHAIN_ID.value().strip());
        Bytes32 subject = release.getAnchorSubject() != null
                ? Bytes32.of(release.getAnchorSubject())
                : Bytes32.fromUuid(release.getDataNetId());
        return new AnchoredProof.Anchor(
                chainId,
                EvmAddress.of(registry),
                AnchorKind.DATANET_RELEASE,
                subject,
                subject.toUuid().toString(),
                release.getAnchorTransaction(),
                release.getAnchoredBlock());
    }

    /**
     * Writes the release as JSON Lines, one record per line with its provenance (docs/proofs.md, "Release export"):
     * record id, contributor (by public name, the same file whoever downloads it, never an e-mail), contributor id,
     * content hash, fields, leaf, proof, root, version, encoding. Streams the records from a database cursor; holds
     * the stored tree (64 bytes per record) and one record at a time.
     */
    public void export(Actor actor, UUID dataNetId, int version, OutputStream out) {
        Release release = release(actor, dataNetId, version);
        storeMissingTree(release);
        MerkleTree tree = loadTree(release);
        if (!tree.root().hex().equals(release.getMerkleRoot())) {
            throw new IllegalStateException("Release v" + version + " no longer matches its published root");
        }
        // Contributors are few beside their records: each is named once. Public names for every reader: an export is a
        // file that travels (to model builders, next to its anchored root), so it carries nobody's e-mail.
        Map<UUID, String> shown = new HashMap<>();
        try (Stream<ReleasedRecord> records = releases.records(release.getId())) {
            Iterator<ReleasedRecord> each = records.iterator();
            while (each.hasNext()) {
                ReleasedRecord c = each.next();
                Bytes32 leaf = MerkleTree.leaf(c.contributionId(), Bytes32.of("0x" + c.contentHash()), c.memberId());
                JsonArrayBuilder proof = JSON.createArrayBuilder();
                tree.proof(leaf).forEach(p -> proof.add(p.hex()));
                try (JsonReader fields = JSON.createReader(new StringReader(c.fields()))) {
                    String line = JSON.createObjectBuilder()
                            .add("recordId", c.contributionId().toString())
                            .add(
                                    "contributor",
                                    shown.computeIfAbsent(
                                            c.memberId(),
                                            m -> names.publicNames(List.of(m)).of(m)))
                            .add("contributorId", c.memberId().toString())
                            .add("contentSha256", c.contentHash())
                            .add("fields", fields.readObject())
                            .add("leaf", leaf.hex())
                            .add("proof", proof)
                            .add("root", release.getMerkleRoot())
                            .add("release", version)
                            .add("encoding", ReleaseRecord.ENCODING)
                            .build()
                            .toString();
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Bytes32 leaf(LeafInput input) {
        return MerkleTree.leaf(input.contributionId(), Bytes32.of("0x" + input.contentHash()), input.memberId());
    }

    static ReleaseRecord record(Contribution c) {
        return new ReleaseRecord(
                c.getId(),
                Bytes32.of("0x" + c.getContentHash()),
                c.getContributor().memberId());
    }
}
