package io.tributary.application.datanet;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.InvalidInput;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.checks.ContentHash;
import io.tributary.application.datanet.checks.FileRejected;
import io.tributary.application.datanet.checks.Limits;
import io.tributary.application.datanet.checks.LineError;
import io.tributary.application.datanet.checks.NearDuplicate;
import io.tributary.application.datanet.checks.NearDuplicateIndex;
import io.tributary.application.datanet.checks.ParsedRecord;
import io.tributary.application.datanet.checks.PersonalData;
import io.tributary.application.datanet.checks.PersonalDataScanner;
import io.tributary.application.datanet.checks.Quality;
import io.tributary.application.datanet.checks.QualityAssessment;
import io.tributary.application.datanet.checks.QualityFlag;
import io.tributary.application.datanet.checks.RecordReader;
import io.tributary.application.datanet.checks.RecordType;
import io.tributary.application.datanet.checks.SourceFormat;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.datanet.BadLinePolicy;
import io.tributary.persistence.datanet.CheckResult;
import io.tributary.persistence.datanet.CheckResult.Outcome;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.persistence.datanet.Contributor;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.PersonalDataPolicy;
import io.tributary.persistence.datanet.Upload;
import io.tributary.persistence.datanet.UploadRepository;
import io.tributary.persistence.tenancy.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Takes contributions to a DataNet — files, pasted text, single records — stores the original, splits it into records,
 * runs the automatic checks on each, and sends the survivors to review. All or nothing: a refused upload leaves no
 * rows and no file behind.
 */
@Stateless
public class ContributionService {

    private static final int REPORTED_BAD_LINES = 100;
    private static final int FLUSH_EVERY = 500;
    /** The decision reason column's width. */
    private static final int MAX_REASON_CHARS = 2000;

    @Inject
    DataNetService dataNets;

    @Inject
    UploadRepository uploads;

    @Inject
    ContributionRepository contributions;

    @Inject
    FileStorage storage;

    @Inject
    NearDuplicates nearDuplicates;

    @Inject
    AuditLog audit;

    @Inject
    MemberNames names;

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final PersonalDataScanner personalData = new PersonalDataScanner();

    /** Contributes a file; its type comes from its name and must be one the DataNet accepts. */
    public UploadReport contribute(Actor actor, UUID dataNetId, String fileName, InputStream content) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        requireContributor(actor, dataNet);
        String name = UploadName.of(fileName);
        SourceFormat format = SourceFormat.ofFileName(name)
                .orElseThrow(() -> new InvalidInput(
                        "file",
                        "'" + UploadName.shortened(name)
                                + "' has no file type Tributary reads (JSONL, CSV, Markdown, text, PDF, DOCX)."));
        ContributionRules rules = dataNet.rules();
        if (!rules.allowedFormats().contains(format.name())) {
            throw new InvalidInput(
                    "file",
                    "This DataNet accepts " + String.join(", ", rules.allowedFormats()) + " files, not " + format
                            + ".");
        }
        return ingest(actor, dataNet, name, format, content);
    }

    /** Contributes pasted text: JSONL or CSV when it looks like it, plain text (a document) otherwise. */
    public UploadReport paste(Actor actor, UUID dataNetId, String text) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        requireContributor(actor, dataNet);
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "Paste some text first.");
        }
        SourceFormat format = text.stripLeading().startsWith("{")
                ? SourceFormat.JSONL
                : RecordType.valueOf(dataNet.getRecordType()) == RecordType.DOCUMENT
                        ? SourceFormat.TEXT
                        : SourceFormat.CSV;
        return ingest(
                actor,
                dataNet,
                "pasted." + format.name().toLowerCase(Locale.ROOT),
                format,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Contributes one record typed into a form. */
    public UploadReport submit(Actor actor, UUID dataNetId, Map<String, String> fields) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        requireContributor(actor, dataNet);
        JsonObjectBuilder json = Json.createObjectBuilder();
        (fields == null ? Map.<String, String>of() : fields).forEach((k, v) -> json.add(k, v == null ? "" : v));
        byte[] line = json.build().toString().getBytes(StandardCharsets.UTF_8);
        return ingest(actor, dataNet, "form.jsonl", SourceFormat.JSONL, new ByteArrayInputStream(line));
    }

    /** The columns the actor's own records sort and filter by. */
    public static final Columns MINE = ContributionRepository.MINE;

    /** The columns the actor's uploads sort and filter by. */
    public static final Columns MY_UPLOADS = UploadRepository.MINE;

    /** The columns a DataNet's leaderboard sorts by. */
    public static final Columns LEADERBOARD = ContributionRepository.LEADERBOARD;

    /** The actor's records, newest first unless sorted otherwise, filtered within {@link #MINE}. */
    public Page<ContributionView> mine(Actor actor, ListQuery query) {
        return actor.memberId() == null
                ? new Page<>(List.of(), query.page(), 0)
                : views(actor, contributions.ofContributor(actor.memberId(), MINE.accept(query)));
    }

    public Page<ContributionView> mine(Actor actor, PageRequest page) {
        return mine(actor, ListQuery.of(page));
    }

    /** A DataNet's records in one status (e.g. escalated), oldest first; callers check who may see them. */
    public Page<ContributionView> withStatus(
            Actor viewer, UUID dataNetId, ContributionStatus status, PageRequest page) {
        return views(viewer, contributions.withStatus(dataNetId, status, page));
    }

    /** Records by id, shown to the viewer, in the order of the ids; callers check who may see them. */
    public List<ContributionView> views(Actor viewer, List<UUID> ids) {
        Map<UUID, Contribution> found =
                contributions.byIds(ids).stream().collect(Collectors.toMap(Contribution::getId, c -> c));
        List<Contribution> ordered =
                ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
        return shown(viewer, ordered);
    }

    /** One record shown to the viewer; callers check who may see it. */
    public ContributionView view(Actor viewer, UUID id) {
        return views(viewer, List.of(id)).stream()
                .findFirst()
                .orElseThrow(() -> new io.tributary.application.NotFound("No contribution " + id + "."));
    }

    /** What curation needs to review a record, if it exists. */
    public Optional<ContributionState> state(UUID id) {
        return contributions.find(id).map(ContributionService::state);
    }

    /**
     * Curation's decision on a record: the votes so far and the state the DataNet's review rules give them, with the
     * reason when the record is decided. The datanet context owns the contribution table; curation changes a record
     * only through here.
     */
    public ContributionState decide(UUID id, int approvals, int rejections, ContributionStatus status, String reason) {
        Contribution contribution = contributions
                .find(id)
                .orElseThrow(() -> new io.tributary.application.NotFound("No contribution " + id + "."));
        contribution.tally(approvals, rejections, status, reason, java.time.Instant.now());
        return state(contribution);
    }

    /** Records per status in a DataNet the actor can see. */
    public Map<ContributionStatus, Long> counts(Actor actor, UUID dataNetId) {
        dataNets.get(actor, dataNetId);
        return contributions.countByStatus(dataNetId);
    }

    /** Contributors' standings, best first unless sorted otherwise, named as the actor may see them. */
    public Page<ContributorStanding> leaderboard(Actor actor, UUID dataNetId, ListQuery query) {
        dataNets.get(actor, dataNetId);
        Page<io.tributary.persistence.datanet.ContributorTally> rows =
                contributions.leaderboard(dataNetId, LEADERBOARD.accept(query));
        MemberNames.Names named = names.forViewer(
                actor,
                rows.items().stream()
                        .map(io.tributary.persistence.datanet.ContributorTally::memberId)
                        .toList());
        return rows.map(r -> new ContributorStanding(named.of(r.memberId()), r.accepted(), r.decided()));
    }

    private Page<ContributionView> views(Actor viewer, Page<Contribution> page) {
        return page.withItems(shown(viewer, page.items()));
    }

    private List<ContributionView> shown(Actor viewer, List<Contribution> records) {
        MemberNames.Names named = names.forViewer(
                viewer, records.stream().map(c -> c.getContributor().memberId()).toList());
        return records.stream()
                .map(c -> new ContributionView(
                        c.getId(),
                        c.getDataNetId(),
                        c.getUploadId(),
                        named.of(c.getContributor().memberId()),
                        c.getPosition(),
                        fields(c.getFields()),
                        c.getContentHash(),
                        c.getQualityScore(),
                        c.getChecks(),
                        c.getSimilarTo(),
                        c.getSimilarity(),
                        c.getStatus(),
                        c.getApprovals(),
                        c.getRejections(),
                        c.getDecisionReason(),
                        c.getCreatedAt(),
                        c.getDecidedAt()))
                .toList();
    }

    private static ContributionState state(Contribution c) {
        return new ContributionState(
                c.getId(),
                c.getDataNetId(),
                c.getContributor().tenantId(),
                c.getContributor().memberId(),
                c.getPosition(),
                c.getStatus(),
                c.getApprovals(),
                c.getRejections());
    }

    /** A record's stored fields (a JSON object of strings) in their order. */
    static Map<String, String> fields(String json) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            reader.readObject()
                    .forEach((k, v) ->
                            fields.put(k, v instanceof jakarta.json.JsonString text ? text.getString() : v.toString()));
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The actor's accepted and decided record counts, for the acceptance rate. */
    public long[] decided(Actor actor) {
        return actor.memberId() == null ? new long[] {0, 0} : contributions.decidedOf(actor.memberId());
    }

    /** The actor's uploads, newest first unless sorted otherwise. */
    public Page<UploadView> myUploads(Actor actor, ListQuery query) {
        return actor.memberId() == null
                ? new Page<>(List.of(), query.page(), 0)
                : uploads.ofContributor(actor.memberId(), MY_UPLOADS.accept(query))
                        .map(UploadView::of);
    }

    private void requireContributor(Actor actor, DataNet dataNet) {
        if (!actor.has(Role.CONTRIBUTOR) || actor.memberId() == null) {
            audit.demand(
                    actor,
                    Role.CONTRIBUTOR,
                    "contribution.upload",
                    dataNet.getId().toString());
            throw new AccessDenied("Contributions come from a contributor's account or API key.");
        }
    }

    private UploadReport ingest(Actor actor, DataNet dataNet, String fileName, SourceFormat format, InputStream in) {
        ContributionRules rules = dataNet.rules();
        FileStorage.Stored stored;
        try {
            stored = storage.store(in, rules.maxUploadBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return ingestStored(actor, dataNet, fileName, format, stored);
        } catch (InvalidInput | AccessDenied refused) {
            throw refused;
        } catch (RuntimeException | Error unexpected) {
            // Not a refusal the contributor can act on: nothing of this upload may stay, whatever the transaction's
            // fate (the caller answers a problem document with a reference; the log has the cause).
            transactions.setRollbackOnly();
            storage.discard(stored);
            throw unexpected;
        }
    }

    private UploadReport ingestStored(
            Actor actor, DataNet dataNet, String fileName, SourceFormat format, FileStorage.Stored stored) {
        ContributionRules rules = dataNet.rules();
        List<UUID> live = new ArrayList<>();
        List<long[]> liveSignatures = new ArrayList<>();
        NearDuplicateIndex index = nearDuplicates.of(dataNet);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    for (int i = 0; i < live.size(); i++) index.add(live.get(i), liveSignatures.get(i));
                } else {
                    storage.discard(stored);
                }
            }
        });

        Upload upload = new Upload(
                dataNet.getId(),
                new Contributor(actor.tenantId(), actor.memberId(), actor.name()),
                fileName,
                format.name(),
                stored.sha256(),
                stored.size());
        uploads.add(upload);
        Checks checks = new Checks(dataNet, index);
        Map<ContributionStatus, Integer> counts = new EnumMap<>(ContributionStatus.class);
        List<LineError> badLines = new ArrayList<>();
        int[] badLineCount = {0};
        try (InputStream original = storage.open(stored.sha256())) {
            RecordReader.open(
                            RecordType.valueOf(dataNet.getRecordType()),
                            format,
                            original,
                            Limits.DEFAULT.withMaxBytes(rules.maxUploadBytes()))
                    .read(
                            record -> {
                                Contribution c = checks.run(upload, record);
                                contributions.add(c);
                                counts.merge(c.getStatus(), 1, Integer::sum);
                                if (c.getStatus() != ContributionStatus.BLOCKED) {
                                    live.add(c.getId());
                                    liveSignatures.add(NearDuplicateIndex.decode(c.getSignature()));
                                }
                                if ((live.size() + counts.getOrDefault(ContributionStatus.BLOCKED, 0)) % FLUSH_EVERY
                                        == 0) {
                                    em.flush();
                                    em.clear();
                                }
                            },
                            error -> {
                                badLineCount[0]++;
                                if (badLines.size() < REPORTED_BAD_LINES) badLines.add(error);
                            });
        } catch (FileRejected rejected) {
            throw new InvalidInput("file", rejected.getMessage() + " Nothing was stored.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int added = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (badLineCount[0] > 0 && rules.badLinePolicy() == BadLinePolicy.REJECT_FILE) {
            throw new InvalidInput(Map.of(
                    "file",
                    badLineCount[0] + " malformed line(s); this DataNet refuses files with malformed lines, so nothing"
                            + " was stored. Fix them and upload again.",
                    "lines",
                    describe(badLines)));
        }
        if (added == 0) {
            throw new InvalidInput(
                    Map.of("file", "The file holds no valid record; nothing was stored.", "lines", describe(badLines)));
        }
        // This upload's own row still says 0 records, so the sum is what came before it today.
        long before = uploads.recordsSince(
                dataNet.getId(),
                actor.memberId(),
                LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC));
        if (before + added > rules.dailyQuota()) {
            throw new InvalidInput(
                    "file",
                    "This upload has " + added + " records but your daily quota for this DataNet leaves "
                            + Math.max(0, rules.dailyQuota() - before) + " of " + rules.dailyQuota()
                            + " today; nothing was stored.");
        }
        Upload saved = em.merge(upload);
        saved.recordOutcome(added, badLineCount[0], badLines.isEmpty() ? null : describe(badLines));
        // Database refusals surface here, inside the upload's own error handling, rather than at commit.
        em.flush();
        audit.changed(
                actor,
                actor.tenantId(),
                "contribution.upload",
                saved.getId().toString(),
                dataNet.getName() + ": " + added + " records, " + badLineCount[0] + " bad lines");
        return new UploadReport(
                UploadView.of(saved), counts, badLineCount[0], List.copyOf(badLines), badLineCount[0] > 0);
    }

    private static String describe(List<LineError> errors) {
        return errors.stream().map(LineError::toString).collect(Collectors.joining("\n"));
    }

    /** The automatic checks for one upload, remembering its own records so duplicates within it count too. */
    private final class Checks {

        private final DataNet dataNet;
        private final NearDuplicateIndex dataNetIndex;
        private final NearDuplicateIndex uploadIndex;
        private final Map<String, UUID> uploadHashes = new HashMap<>();

        Checks(DataNet dataNet, NearDuplicateIndex dataNetIndex) {
            this.dataNet = dataNet;
            this.dataNetIndex = dataNetIndex;
            this.uploadIndex = NearDuplicates.empty(dataNet.rules().nearDuplicateThreshold());
        }

        Contribution run(Upload upload, ParsedRecord record) {
            String canonical = record.canonicalText();
            String readable = record.readableText();
            String hash = ContentHash.of(canonical);
            Quality quality = QualityAssessment.of(readable);
            long[] signature = dataNetIndex.signature(canonical);
            List<CheckResult> results = new ArrayList<>();
            results.add(CheckResult.pass("format", "parsed"));
            String blocked = null;

            UUID exact = Optional.ofNullable(uploadHashes.get(hash))
                    .or(() -> contributions.firstWithHash(dataNet.getId(), hash).map(Contribution::getId))
                    .orElse(null);
            if (exact != null) {
                blocked = "exact duplicate of record " + exact;
                results.add(new CheckResult("exact-duplicate", Outcome.FAIL, blocked));
            } else {
                results.add(CheckResult.pass("exact-duplicate", "no identical record"));
            }
            Optional<NearDuplicate> near = best(dataNetIndex.similar(signature), uploadIndex.similar(signature));
            if (exact == null && near.isPresent()) {
                blocked = String.format(
                        Locale.ROOT,
                        "near duplicate (%.0f%% similar) of earlier record %s",
                        near.get().similarity() * 100,
                        near.get().recordId());
                results.add(new CheckResult("near-duplicate", Outcome.FAIL, blocked));
            } else {
                results.add(CheckResult.pass("near-duplicate", "nothing above the threshold"));
            }
            List<PersonalData> findings = personalData.scan(readable);
            if (findings.isEmpty()) {
                results.add(CheckResult.pass("personal-data", "none found"));
            } else {
                String found =
                        findings.stream().map(f -> f.kind() + " " + f.masked()).collect(Collectors.joining(", "));
                boolean block = dataNet.rules().personalDataPolicy() == PersonalDataPolicy.BLOCK;
                results.add(new CheckResult("personal-data", block ? Outcome.FAIL : Outcome.WARN, found));
                if (block && blocked == null) blocked = "personal data: " + found;
            }
            boolean garbage = quality.flags().contains(QualityFlag.EMPTY)
                    || quality.flags().contains(QualityFlag.GARBAGE);
            String qualityDetail = String.format(Locale.ROOT, "score %.2f %s", quality.score(), quality.flags());
            results.add(new CheckResult(
                    "quality",
                    garbage ? Outcome.FAIL : quality.flags().isEmpty() ? Outcome.PASS : Outcome.WARN,
                    qualityDetail));
            if (garbage && blocked == null) blocked = "empty or garbage text (" + qualityDetail + ")";

            if (blocked != null && blocked.length() > MAX_REASON_CHARS) {
                blocked = blocked.substring(0, MAX_REASON_CHARS - 1) + "…";
            }
            JsonObjectBuilder fields = Json.createObjectBuilder();
            record.fields().forEach(fields::add);
            Contribution contribution = new Contribution(
                    upload,
                    record.position(),
                    fields.build().toString(),
                    hash,
                    NearDuplicateIndex.encode(signature),
                    quality.score(),
                    results,
                    near.map(NearDuplicate::recordId).orElse(null),
                    near.map(NearDuplicate::similarity).orElse(null),
                    blocked == null ? ContributionStatus.IN_REVIEW : ContributionStatus.BLOCKED,
                    blocked);
            if (blocked == null) {
                uploadHashes.put(hash, contribution.getId());
                uploadIndex.add(contribution.getId(), signature);
            }
            return contribution;
        }

        private static Optional<NearDuplicate> best(List<NearDuplicate> a, List<NearDuplicate> b) {
            return Stream.concat(a.stream(), b.stream()).max(Comparator.comparingDouble(NearDuplicate::similarity));
        }
    }
}
