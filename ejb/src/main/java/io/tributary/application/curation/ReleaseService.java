package io.tributary.application.curation;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.chain.Bytes32;
import io.tributary.chain.MerkleProof;
import io.tributary.chain.MerkleTree;
import io.tributary.chain.ReleaseRecord;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.curation.ReleaseEntry;
import io.tributary.persistence.curation.ReleaseRepository;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.DataNet;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Publishing immutable DataNet releases: the accepted records at that moment, committed to by a keccak-256 Merkle root
 * (leaf encoding {@value ReleaseRecord#ENCODING}, see chain-bridge), with a downloadable proof per record.
 */
@Stateless
public class ReleaseService {

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
    Event<ReleasePublished> published;

    public Release publish(Actor actor, UUID dataNetId) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        if (!dataNets.isOwner(actor, dataNet)) {
            throw new AccessDenied("Only the DataNet's owner publishes releases.");
        }
        List<Contribution> accepted = contributions.accepted(dataNetId);
        if (accepted.isEmpty()) {
            throw new Conflict("There are no accepted records to release yet.");
        }
        int latest = releases.latestVersion(dataNetId);
        if (latest > 0 && releases.find(dataNetId, latest).orElseThrow().getRecordCount() == accepted.size()) {
            throw new Conflict("Nothing was accepted since v" + latest + "; there is nothing new to release.");
        }
        List<ReleaseRecord> records =
                accepted.stream().map(ReleaseService::record).toList();
        MerkleTree tree = MerkleTree.ofRecords(records);
        Release release = new Release(dataNetId, latest + 1, tree.root().hex(), records.size(), actor.name());
        releases.add(release);
        for (ReleaseRecord r : records) {
            releases.add(
                    new ReleaseEntry(release.getId(), r.recordId(), r.leaf().hex()));
        }
        audit.changed(
                actor,
                dataNet.getOwnerTenantId(),
                "release.publish",
                dataNet.getName() + " v" + release.getVersion(),
                release.getMerkleRoot() + " over " + records.size() + " records");
        published.fire(new ReleasePublished(
                release.getId(), dataNetId, release.getVersion(), release.getMerkleRoot(), records.size()));
        return release;
    }

    public List<Release> releases(Actor actor, UUID dataNetId) {
        dataNets.get(actor, dataNetId);
        return releases.ofDataNet(dataNetId);
    }

    public Release release(Actor actor, UUID dataNetId, int version) {
        dataNets.get(actor, dataNetId);
        return releases.find(dataNetId, version)
                .orElseThrow(() -> new NotFound("This DataNet has no release v" + version + "."));
    }

    /** A record's Merkle proof in a release, as a JSON document anyone can verify. */
    public MerkleProof proof(Actor actor, UUID dataNetId, int version, UUID contributionId) {
        Release release = release(actor, dataNetId, version);
        List<ReleaseRecord> records = contributions.inRelease(release.getId()).stream()
                .map(ReleaseService::record)
                .toList();
        ReleaseRecord target = records.stream()
                .filter(r -> r.recordId().equals(contributionId))
                .findFirst()
                .orElseThrow(() -> new NotFound("Record " + contributionId + " is not in v" + version + "."));
        MerkleProof proof = MerkleTree.ofRecords(records).proof(target);
        if (!proof.root().hex().equals(release.getMerkleRoot())) {
            throw new IllegalStateException("Release v" + version + " no longer matches its published root");
        }
        return proof;
    }

    /** Writes the release as JSON Lines: each record with its provenance (contributor, hash, leaf, proof). */
    public void export(Actor actor, UUID dataNetId, int version, OutputStream out) {
        Release release = release(actor, dataNetId, version);
        List<Contribution> records = contributions.inRelease(release.getId());
        MerkleTree tree = MerkleTree.ofRecords(
                records.stream().map(ReleaseService::record).toList());
        MemberNames.Names named = names.forViewer(
                actor, records.stream().map(c -> c.getContributor().memberId()).toList());
        try {
            for (Contribution c : records) {
                ReleaseRecord r = record(c);
                JsonArrayBuilder proof = Json.createArrayBuilder();
                tree.proof(r.leaf()).forEach(p -> proof.add(p.hex()));
                try (JsonReader fields = Json.createReader(new StringReader(c.getFields()))) {
                    String line = Json.createObjectBuilder()
                            .add("recordId", c.getId().toString())
                            .add("contributor", named.of(c.getContributor().memberId()))
                            .add("contributorId", c.getContributor().memberId().toString())
                            .add("contentSha256", c.getContentHash())
                            .add("fields", fields.readObject())
                            .add("leaf", r.leaf().hex())
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

    static ReleaseRecord record(Contribution c) {
        return new ReleaseRecord(
                c.getId(),
                Bytes32.of("0x" + c.getContentHash()),
                c.getContributor().memberId());
    }
}
