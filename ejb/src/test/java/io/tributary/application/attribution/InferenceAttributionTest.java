package io.tributary.application.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.NotFound;
import io.tributary.application.attribution.AttributionIndexes.Traced;
import io.tributary.application.attribution.ReceiptViews.ReceiptView;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.curation.Approvals;
import io.tributary.application.datanet.ContributionOrigins;
import io.tributary.application.events.DomainEvent;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.factory.ReleaseRef;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.PublishedVersion;
import io.tributary.application.factory.TrainedRuns.TrainedRun;
import io.tributary.application.rewards.FeeSplitTransfers;
import io.tributary.application.serving.InferenceServed;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.chain.AnchoredProof;
import io.tributary.chain.Bytes32;
import io.tributary.chain.MerkleTree;
import io.tributary.chain.ReceiptLeaf;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.FeeSplit;
import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.Receipt;
import io.tributary.persistence.attribution.ReceiptBatch;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.Shares;
import io.tributary.persistence.attribution.SplitBounds;
import io.tributary.persistence.curation.Review;
import io.tributary.persistence.curation.ReviewRepository;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.LedgerAccountRepository;
import io.tributary.persistence.rewards.LedgerLeg;
import io.tributary.persistence.rewards.LedgerTransfer;
import io.tributary.persistence.rewards.LedgerTransferRepository;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.tenancy.Role;
import io.tributary.training.attribution.AttributionResult;
import io.tributary.training.attribution.ScoredRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The InferenceServed observer, the fee split transfer, batches and receipts' privacy against a real PostgreSQL
 * (Flyway-migrated, V19 included) and the real ledger, wired by hand as the container would. Only the model work is
 * scripted (the scores an answer gets): the factory's run and the index are stand-ins, so this test needs no model.
 * The full path through serving's /v1 API is AttributionIT.
 */
class InferenceAttributionTest {

    static EmbeddedPostgres postgres;
    static SessionFactory sessions;
    static Path runDirectory;

    static final UUID CALLER = UUID.randomUUID();
    static final UUID OWNER = UUID.randomUUID();
    static final UUID CONTRIBUTORS = UUID.randomUUID();
    static final UUID STRANGERS = UUID.randomUUID();
    static final UUID CALLER_MEMBER = UUID.randomUUID();
    static final UUID OWNER_MEMBER = UUID.randomUUID();
    static final UUID VALIDATOR = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID COPIER = UUID.randomUUID();
    static final UUID STRANGER = UUID.randomUUID();
    static final UUID DATANET = UUID.randomUUID();
    static final UUID R1 = UUID.randomUUID(); // Alice's, approved
    static final UUID R2 = UUID.randomUUID(); // Bob's, approved
    static final UUID R3 = UUID.randomUUID(); // the copier's near duplicate of R1, submitted later
    static final UUID R4 = UUID.randomUUID(); // Bob's, scores under the noise band
    static final UUID VERSION = UUID.randomUUID();
    static final UUID RETRIEVAL_VERSION = UUID.randomUUID(); // the same run published with retrieval of 3 records
    static final UUID CHARGED_VERSION = UUID.randomUUID(); // as VERSION, called but not yet attributed
    static final UUID RUN = UUID.randomUUID();
    static UUID holding;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure()
                .dataSource(postgres.getPostgresDatabase())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection sql = postgres.getPostgresDatabase().getConnection();
                Statement s = sql.createStatement()) {
            for (UUID t : List.of(CALLER, OWNER, CONTRIBUTORS, STRANGERS)) {
                s.execute("insert into tenant (id, alias, name, status, brand_name, brand_colour, brand_mode,"
                        + " created_at, version) values ('" + t + "', 't"
                        + t.toString().substring(0, 8) + "', 'T',"
                        + " 'ACTIVE', 'T', '#123456', 'LIGHT', now(), 0)");
            }
            member(s, CALLER_MEMBER, CALLER);
            member(s, OWNER_MEMBER, OWNER);
            member(s, VALIDATOR, OWNER);
            member(s, ALICE, CONTRIBUTORS);
            member(s, BOB, CONTRIBUTORS);
            member(s, COPIER, CONTRIBUTORS);
            member(s, STRANGER, STRANGERS);
            s.execute("insert into datanet (id, owner_tenant_id, owner_member_id, name, domain, description,"
                    + " tags, record_type, licence, visibility, allowed_formats, max_upload_bytes, daily_quota,"
                    + " bad_line_policy, personal_data_policy, near_duplicate_threshold, approvals_required,"
                    + " reviewers_per_record, validator_pool, created_at, version) values ('" + DATANET + "', '"
                    + OWNER + "', '" + OWNER_MEMBER + "', 'Facts', 'testing', 'Facts.', 'test',"
                    + " 'QUESTION_ANSWER', 'CC0-1.0', 'PUBLIC', 'JSONL', 1048576, 1000000, 'KEEP_VALID', 'FLAG',"
                    + " 0.8, 1, 1, 'OWNER_ORGANIZATION', now(), 0)");
            UUID upload = UUID.randomUUID();
            s.execute("insert into upload (id, datanet_id, contributor_tenant_id, contributor_member_id,"
                    + " contributor_email, file_name, format, sha256, size_bytes, records_added, bad_lines,"
                    + " created_at) values ('" + upload + "', '" + DATANET + "', '" + CONTRIBUTORS + "', '" + ALICE
                    + "', 'a@k.test', 'f.jsonl', 'JSONL', repeat('0', 64), 1, 4, 0, now())");
            contribution(s, R1, upload, ALICE, null, "now() - interval '2 days'");
            contribution(s, R2, upload, BOB, null, "now() - interval '2 days'");
            contribution(s, R3, upload, COPIER, R1, "now() - interval '1 day'");
            contribution(s, R4, upload, BOB, null, "now() - interval '1 day'");
            for (UUID r : List.of(R1, R2)) {
                s.execute("insert into review (id, contribution_id, datanet_id, validator_tenant_id,"
                        + " validator_member_id, validator_email, verdict, reason, created_at) values ('"
                        + UUID.randomUUID() + "', '" + r + "', '" + DATANET + "', '" + OWNER + "', '" + VALIDATOR
                        + "', 'v@o.test', 'APPROVE', 'correct', now())");
            }
        }
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Contribution.class)
                .addAnnotatedClass(Review.class)
                .addAnnotatedClass(LedgerAccount.class)
                .addAnnotatedClass(LedgerTransfer.class)
                .addAnnotatedClass(LedgerLeg.class)
                .addAnnotatedClass(SplitBounds.class)
                .addAnnotatedClass(FeeSplit.class)
                .addAnnotatedClass(Receipt.class)
                .addAnnotatedClass(ReceiptBatch.class)
                .addAnnotatedClass(io.tributary.persistence.attribution.dispute.Dispute.class);
        configuration.setProperty("hibernate.connection.url", postgres.getJdbcUrl("postgres", "postgres"));
        configuration.setProperty("hibernate.connection.username", "postgres");
        configuration.setProperty("hibernate.connection.pool_size", "4");
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        configuration.setProperty("hibernate.jdbc.time_zone", "UTC");
        sessions = configuration.buildSessionFactory();
        sessions.getSchemaManager().validateMappedObjects();
        runDirectory = Files.createTempDirectory("run");
        Files.createDirectories(AttributionIndexes.directory(runDirectory));
        Files.writeString(AttributionIndexes.directory(runDirectory).resolve("gradients.tgix"), "stand-in");
        Files.writeString(AttributionIndexes.directory(runDirectory).resolve("records.jsonl"), "");
        holding = inTransaction(w -> w.ledger
                .open(OWNER, null, AccountKind.INFERENCE_HOLDING, "TRIB")
                .getId());
    }

    static void member(Statement s, UUID id, UUID tenant) throws Exception {
        s.execute("insert into member (id, tenant_id, email, roles, created_at, version) values ('" + id + "', '"
                + tenant + "', '" + id + "@x.test', 'CONTRIBUTOR', now(), 0)");
    }

    static void contribution(Statement s, UUID id, UUID upload, UUID member, UUID similarTo, String createdAt)
            throws Exception {
        s.execute("insert into contribution (id, datanet_id, upload_id, contributor_tenant_id, contributor_member_id,"
                + " contributor_email, position, fields, content_hash, signature, quality_score, checks, status,"
                + " approvals, rejections, similar_to, similarity, created_at, decided_at, version) values ('" + id
                + "', '" + DATANET + "', '" + upload + "', '" + CONTRIBUTORS + "', '" + member + "', 'c@k.test', 1,"
                + " '{\"question\":\"q\",\"answer\":\"a\"}', encode(sha256('" + id + "'::bytea), 'hex'),"
                + " '\\x00'::bytea, 0.9, '[]', 'ACCEPTED', 1, 0, "
                + (similarTo == null ? "null" : "'" + similarTo + "'")
                + ", " + (similarTo == null ? "null" : "0.97") + ", " + createdAt + ", now(), 0)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) sessions.close();
        if (postgres != null) postgres.close();
    }

    /** Everything wired to one entity manager whose transaction the test runs. */
    static final class Wiring {
        final InferenceAttribution observer = new InferenceAttribution();
        final ReceiptService receipts = new ReceiptService();
        final FeeSplitService splits = new FeeSplitService();
        final ReceiptBatches batches = new ReceiptBatches();
        final Ledger ledger = new Ledger();
        final AttributionRepository repository = new AttributionRepository();
        final List<DomainEvent> published = new ArrayList<>();
    }

    static <T> T inTransaction(Function<Wiring, T> work) {
        EntityManager em = sessions.createEntityManager();
        try {
            em.getTransaction().begin();
            Wiring w = wire(em);
            T result = work.apply(w);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) em.getTransaction().rollback();
            em.close();
        }
    }

    static Wiring wire(EntityManager em) {
        Wiring w = new Wiring();
        set(w.repository, "em", em);
        LedgerAccountRepository accounts = new LedgerAccountRepository();
        set(accounts, "em", em);
        LedgerTransferRepository transfers = new LedgerTransferRepository();
        set(transfers, "em", em);
        set(w.ledger, "accounts", accounts);
        set(w.ledger, "transfers", transfers);
        FeeSplitTransfers split = new FeeSplitTransfers();
        set(split, "ledger", w.ledger);
        set(split, "accounts", accounts);
        TrainedRuns runs = new TrainedRuns() {
            @Override
            public Optional<PublishedVersion> version(UUID versionId) {
                return versionId.equals(VERSION) || versionId.equals(CHARGED_VERSION)
                        ? Optional.of(new PublishedVersion(
                                versionId,
                                OWNER,
                                RUN,
                                OWNER_MEMBER,
                                "facts",
                                1,
                                "b".repeat(64),
                                "a".repeat(64),
                                List.of(new ReleaseRef(DATANET, "Facts", 1, "0x" + "1".repeat(64), "CC0-1.0", "QA", 4)),
                                java.math.BigDecimal.ONE,
                                null))
                        : versionId.equals(RETRIEVAL_VERSION)
                                ? Optional.of(new PublishedVersion(
                                        RETRIEVAL_VERSION,
                                        OWNER,
                                        RUN,
                                        OWNER_MEMBER,
                                        "facts with retrieval",
                                        1,
                                        "b".repeat(64),
                                        "a".repeat(64),
                                        List.of(),
                                        java.math.BigDecimal.ONE,
                                        3))
                                : Optional.empty();
            }

            @Override
            public Optional<TrainedRun> completed(UUID runId) {
                return Optional.of(new TrainedRun(
                        RUN,
                        OWNER,
                        OWNER_MEMBER,
                        runDirectory,
                        "MIT",
                        runDirectory,
                        runDirectory,
                        true,
                        64,
                        List.of()));
            }
        };
        AttributionIndexes indexes = new AttributionIndexes() {
            @Override
            public Traced trace(UUID versionId, TrainedRun run, String prompt, String completion) {
                // The copy scores highest; an id that is no contribution is dropped; R4 is noise.
                return new Traced(
                        new AttributionResult(
                                "lora-gradient-influence-normalized",
                                "1;k=256",
                                List.of(
                                        new ScoredRecord(R3.toString(), 2, 0.9),
                                        new ScoredRecord(R1.toString(), 0, 0.6),
                                        new ScoredRecord("not-a-record", 9, 0.5),
                                        new ScoredRecord(R2.toString(), 1, 0.3),
                                        new ScoredRecord(R4.toString(), 3, 0.02))),
                        List.of(new AttributionIndexes.Span("is blue", 2, 3, List.of(R1.toString()))));
            }

            @Override
            public Traced traceRetrieved(
                    UUID versionId,
                    TrainedRun run,
                    String prompt,
                    String completion,
                    List<io.tributary.training.retrieval.RetrievedRecord> inContext) {
                // Exactly the records serving put into the prompt, in their order there, with their indexed text.
                assertThat(inContext)
                        .extracting(io.tributary.training.retrieval.RetrievedRecord::id)
                        .containsExactly(R2.toString(), R1.toString(), R4.toString());
                assertThat(inContext.get(1).text()).isEqualTo("text of " + R1);
                return new Traced(
                        new AttributionResult(
                                "retrieval-leave-one-out",
                                "method=1;records=3;passes=4",
                                List.of(
                                        new ScoredRecord(R1.toString(), 1, 2.5),
                                        new ScoredRecord(R2.toString(), 0, 0.4),
                                        new ScoredRecord(R4.toString(), 2, -0.3))),
                        List.of());
            }

            @Override
            public int build(TrainedRun run) {
                throw new AssertionError("the index exists");
            }
        };
        w.observer.retrieval = new io.tributary.application.serving.RecordRetrieval() {
            @Override
            public Map<String, String> texts(UUID runId, List<String> ids) {
                Map<String, String> texts = new java.util.LinkedHashMap<>();
                for (String id : ids) texts.put(id, "text of " + id);
                return texts;
            }
        };
        w.splits.repository = w.repository;
        io.tributary.persistence.serving.ServingRepository serving =
                new io.tributary.persistence.serving.ServingRepository();
        set(serving, "em", em);
        w.splits.metering = new io.tributary.application.serving.Metering();
        set(w.splits.metering, "repository", serving);
        w.splits.runs = runs;
        w.splits.audit = new AuditLog() {
            @Override
            public void demand(Actor actor, Role role, String action, String target) {
                if (!actor.has(role)) throw new io.tributary.application.AccessDenied("needs " + role.key());
            }

            @Override
            public void changed(Actor actor, UUID tenantId, String action, String target, String detail) {}
        };
        ContributionOrigins origins = new ContributionOrigins();
        ContributionRepository contributions = new ContributionRepository();
        set(contributions, "em", em);
        set(origins, "contributions", contributions);
        Approvals approvals = new Approvals();
        ReviewRepository reviews = new ReviewRepository();
        set(reviews, "em", em);
        set(approvals, "reviews", reviews);
        w.observer.repository = w.repository;
        w.observer.runs = runs;
        w.observer.indexes = indexes;
        w.observer.splits = w.splits;
        w.observer.origins = origins;
        w.observer.approvals = approvals;
        w.observer.transfers = split;
        w.receipts.repository = w.repository;
        w.receipts.names = new MemberNames() {
            @Override
            public Names forViewer(Actor viewer, Collection<UUID> memberIds) {
                return new Names(viewer.tenantId(), Map.of());
            }
        };
        w.receipts.labels = new RecordLabels() {
            @Override
            public Map<UUID, String> dataNetNames(Actor viewer, Collection<UUID> dataNetIds) {
                return Map.of();
            }

            @Override
            public Map<UUID, String> previews(Actor viewer, List<UUID> recordIds, Collection<UUID> visible) {
                return Map.of();
            }
        };
        io.tributary.persistence.attribution.dispute.DisputeRepository disputes =
                new io.tributary.persistence.attribution.dispute.DisputeRepository();
        set(disputes, "em", em);
        w.receipts.disputes = disputes;
        w.batches.repository = w.repository;
        w.batches.events = new DomainEvents() {
            @Override
            public UUID publish(DomainEvent event) {
                w.published.add(event);
                return UUID.randomUUID();
            }
        };
        return w;
    }

    static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serving's side, as the real one does it in the request's transaction: the charge into the holding account. */
    static InferenceServed served(BigInteger charge, boolean sharePrompt) {
        UUID receipt = UUID.randomUUID();
        if (charge.signum() > 0) {
            inTransaction(w -> {
                LedgerAccount prepaid = w.ledger.open(null, null, AccountKind.EXTERNAL, "TRIB");
                // Serving's charge carries the receipt's own id: the split must not reuse it.
                return w.ledger.transfer(TransferRequest.posted(
                        receipt,
                        CauseType.INFERENCE_CHARGE,
                        "usage:" + receipt,
                        "test charge",
                        List.of(new Leg(prepaid.getId(), charge.negate()), new Leg(holding, charge))));
            });
        }
        return new InferenceServed(
                CALLER,
                receipt,
                VERSION,
                OWNER,
                "What colour is the sky?",
                "The sky is blue on a clear day.",
                7,
                9,
                charge,
                "TRIB",
                holding,
                sharePrompt,
                Instant.now(),
                List.of());
    }

    static BigInteger balance(UUID tenant, UUID member, AccountKind kind) {
        return inTransaction(w -> w.ledger
                .balance(w.ledger.open(tenant, member, kind, "TRIB").getId())
                .posted());
    }

    static final Actor CALLER_ACTOR = new Actor(CALLER, CALLER_MEMBER, "caller", Set.of(Role.MODEL_BUILDER));
    static final Actor ALICE_ACTOR = new Actor(CONTRIBUTORS, ALICE, "alice", Set.of(Role.CONTRIBUTOR));
    static final Actor COPIER_ACTOR = new Actor(CONTRIBUTORS, COPIER, "copier", Set.of(Role.CONTRIBUTOR));
    static final Actor STRANGER_ACTOR =
            new Actor(STRANGERS, STRANGER, "stranger", Set.of(Role.CONTRIBUTOR, Role.ORG_ADMIN, Role.MODEL_BUILDER));

    @Test
    void aChargedInferenceIsSplitByOneBalancedTransferAndOneReceipt() {
        BigInteger charge = new BigInteger("1000000000000000003");
        BigInteger alice = balance(CONTRIBUTORS, ALICE, AccountKind.CONTRIBUTOR_EARNINGS);
        BigInteger holdingBefore = held();
        InferenceServed event = served(charge, false);
        inTransaction(w -> {
            w.observer.observe(event);
            return null;
        });
        Receipt receipt =
                inTransaction(w -> w.repository.receipt(event.receiptId()).orElseThrow());
        // The legs: the holding account gives exactly the charge, the payees get exactly the charge.
        List<io.tributary.persistence.rewards.Leg> legs = inTransaction(w -> w.ledger.legs(receipt.getTransferId()));
        assertThat(legs.stream()
                        .map(io.tributary.persistence.rewards.Leg::amount)
                        .reduce(BigInteger.ZERO, BigInteger::add))
                .isZero();
        assertThat(held()).isEqualTo(holdingBefore);
        assertThat(receipt.getPayees().stream().map(ReceiptPayee::amount).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(charge);
        // The copy's weight credits the kept record's contributor: the copier earns nothing, Alice and Bob do.
        assertThat(receipt.getPayees()).noneMatch(p -> COPIER.equals(p.memberId()));
        assertThat(receipt.getRecords())
                .filteredOn(r -> r.recordId().equals(R3))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.creditedRecordId()).isEqualTo(R1);
                    assertThat(r.contributorMemberId()).isEqualTo(ALICE);
                });
        // Under the noise band: recorded with weight 0; the unknown id is dropped.
        assertThat(receipt.getRecords()).extracting(r -> r.recordId()).containsExactly(R3, R1, R2, R4);
        assertThat(receipt.getRecords().get(3).weight()).isZero();
        BigInteger aliceGot = amount(receipt, PayeeRole.CONTRIBUTOR, ALICE);
        BigInteger bobGot = amount(receipt, PayeeRole.CONTRIBUTOR, BOB);
        assertThat(balance(CONTRIBUTORS, ALICE, AccountKind.CONTRIBUTOR_EARNINGS)
                        .subtract(alice))
                .isEqualTo(aliceGot);
        // 60% of the charge to contributors (50% + the validators' 10% would apply only without validators: here the
        // validator approved the credited records, so contributors get 50%); Alice is capped at half of it.
        assertThat(aliceGot.add(bobGot)).isEqualTo(charge.divide(BigInteger.TWO).add(BigInteger.ONE));
        assertThat(amount(receipt, PayeeRole.VALIDATOR, VALIDATOR)).isPositive();
        assertThat(amount(receipt, PayeeRole.MODEL_OWNER, OWNER_MEMBER)).isPositive();
        assertThat(receipt.getShares()).isEqualTo(Shares.DEFAULT);
        assertThat(receipt.getPromptSha256()).isEqualTo(sha256("What colour is the sky?"));
        assertThat(receipt.getLeaf())
                .isEqualTo(new ReceiptLeaf(
                                event.receiptId(),
                                VERSION,
                                Bytes32.of("0x" + receipt.getPromptSha256()),
                                Bytes32.of("0x" + receipt.getOutputSha256()),
                                Bytes32.of("0x" + receipt.getContentSha256()),
                                charge)
                        .leaf()
                        .hex());
    }

    @Test
    void aRetrievalVersionsAnswerIsAttributedToItsRetrievedRecordsByLeaveOneOut() {
        BigInteger charge = BigInteger.valueOf(1_000_003);
        InferenceServed plain = served(charge, false);
        InferenceServed event = new InferenceServed(
                plain.tenantId(),
                plain.receiptId(),
                RETRIEVAL_VERSION,
                plain.ownerTenantId(),
                "### Instruction:\nContext:\n- …\nWhat colour is the sky?\n\n### Response:\n",
                plain.completion(),
                plain.promptTokens(),
                plain.completionTokens(),
                plain.charge(),
                plain.currency(),
                plain.holdingAccountId(),
                false,
                plain.servedAt(),
                List.of(R2, R1, R4));
        inTransaction(w -> {
            w.observer.observe(event);
            return null;
        });
        Receipt receipt =
                inTransaction(w -> w.repository.receipt(event.receiptId()).orElseThrow());
        assertThat(receipt.getMethod()).isEqualTo("retrieval-leave-one-out");
        assertThat(receipt.getMethodVersion()).contains("records=3");
        // The record whose removal cost the answer most leads; the one that made it more likely earns nothing.
        assertThat(receipt.getRecords()).extracting(r -> r.recordId()).containsExactly(R1, R2, R4);
        // (Alice's R1 alone would take 2.5/2.9 of the contributors' pool; the 50% cap evens her with Bob.)
        assertThat(receipt.getRecords().get(0).weight()).isPositive();
        assertThat(receipt.getRecords().get(1).weight()).isPositive();
        assertThat(receipt.getRecords().get(2).weight()).isZero();
        assertThat(receipt.getPayees().stream().map(ReceiptPayee::amount).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(charge);
        assertThat(amount(receipt, PayeeRole.CONTRIBUTOR, ALICE)).isPositive();
    }

    @Test
    void redeliveryNeverPaysTwice() {
        InferenceServed event = served(BigInteger.valueOf(999_999), false);
        inTransaction(w -> {
            w.observer.observe(event);
            return null;
        });
        BigInteger alice = balance(CONTRIBUTORS, ALICE, AccountKind.CONTRIBUTOR_EARNINGS);
        BigInteger platform = balance(null, null, AccountKind.PLATFORM_FEES);
        BigInteger held = held();
        for (int i = 0; i < 3; i++) {
            inTransaction(w -> {
                w.observer.observe(event);
                return null;
            });
        }
        assertThat(balance(CONTRIBUTORS, ALICE, AccountKind.CONTRIBUTOR_EARNINGS))
                .isEqualTo(alice);
        assertThat(balance(null, null, AccountKind.PLATFORM_FEES)).isEqualTo(platform);
        assertThat(held()).isEqualTo(held);
        // Even a receipt lost after the transfer (the observer's own check bypassed): the ledger returns the stored
        // transfer for the same id and legs instead of moving money again.
        Receipt receipt =
                inTransaction(w -> w.repository.receipt(event.receiptId()).orElseThrow());
        inTransaction(w -> {
            FeeSplitTransfers again = w.observer.transfers;
            return again.split(
                    event.receiptId(),
                    holding,
                    OWNER,
                    receipt.getPayees().stream()
                            .map(p -> new FeeSplitTransfers.Credit(
                                    FeeSplitTransfers.Role.valueOf(p.role().name()),
                                    p.tenantId(),
                                    p.memberId(),
                                    p.amount()))
                            .toList(),
                    "Fee split of facts v1");
        });
        assertThat(held()).isEqualTo(held);
    }

    @Test
    void aFreeAnswerGetsAReceiptWithoutATransfer() {
        InferenceServed event = served(BigInteger.ZERO, false);
        inTransaction(w -> {
            w.observer.observe(event);
            return null;
        });
        Receipt receipt =
                inTransaction(w -> w.repository.receipt(event.receiptId()).orElseThrow());
        assertThat(receipt.getTransferId()).isNull();
        assertThat(receipt.getPayees()).isEmpty();
        assertThat(receipt.getRecords()).isNotEmpty();
    }

    @Test
    void theSplitIsChosenWithinBoundsAndFixedOnceTheVersionHasServed() {
        Actor owner = new Actor(OWNER, OWNER_MEMBER, "owner", Set.of(Role.MODEL_BUILDER));
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> inTransaction(w -> w.splits.choose(owner, VERSION, new Shares(9500, 0, 0, 500))))
                .isInstanceOf(io.tributary.application.InvalidInput.class);
        assertThatThrownBy(() -> inTransaction(
                        w -> w.splits.choose(STRANGER_ACTOR, VERSION, new Shares(5000, 1000, 3000, 1000))))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> inTransaction(w -> w.splits.choose(owner, other, Shares.DEFAULT)))
                .isInstanceOf(NotFound.class);
        InferenceServed event = served(BigInteger.TEN, false);
        inTransaction(w -> {
            w.observer.observe(event);
            return null;
        });
        assertThat(inTransaction(w -> w.splits.of(VERSION)).fixed()).isTrue();
        assertThatThrownBy(
                        () -> inTransaction(w -> w.splits.choose(owner, VERSION, new Shares(6000, 1000, 2000, 1000))))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("fixed");
    }

    /**
     * The attack: callers are charged under the published split; before attribution, which fixed the split only with
     * the first receipt, the owner's builder moved the contributors' share to the owner. The first recorded call fixes
     * it now.
     */
    @Test
    void theFirstRecordedCallFixesTheSplitBeforeAnyReceipt() throws Exception {
        Actor owner = new Actor(OWNER, OWNER_MEMBER, "owner", Set.of(Role.MODEL_BUILDER));
        inTransaction(w -> w.splits.choose(owner, CHARGED_VERSION, Shares.DEFAULT));
        try (Connection sql = postgres.getPostgresDatabase().getConnection();
                Statement s = sql.createStatement()) {
            s.execute("insert into serving_version (version_id, tenant_id, name, version, run_id, base_sha256,"
                    + " price_per_1k_tokens, published_at) values ('" + CHARGED_VERSION + "', '" + OWNER
                    + "', 'charged', 1, '" + RUN + "', '" + "b".repeat(64) + "', 1, now())");
            s.execute("insert into serving_usage (id, tenant_id, caller, model, version_id, owner_tenant_id,"
                    + " prompt_tokens, completion_tokens, latency_ms, status, charge, created_at) values ('"
                    + UUID.randomUUID() + "', '" + CALLER + "', 'caller', 'owner/charged', '" + CHARGED_VERSION
                    + "', '" + OWNER + "', 5, 5, 10, 'COMPLETED', 1000, now())");
        }
        boolean receipted = inTransaction(w -> w.repository.hasServed(CHARGED_VERSION));
        assertThat(receipted).as("no receipt yet: attribution has not run").isFalse();
        assertThatThrownBy(() ->
                        inTransaction(w -> w.splits.choose(owner, CHARGED_VERSION, new Shares(3000, 1000, 5000, 1000))))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("fixed");
        assertThat(inTransaction(w -> w.splits.of(CHARGED_VERSION)).shares()).isEqualTo(Shares.DEFAULT);
    }

    @Test
    void theCallerSeesItsReceiptInFullContributorsWithoutThePromptAndStrangersNothing() {
        InferenceServed hidden = served(BigInteger.valueOf(1_000_000), false);
        InferenceServed shared = served(BigInteger.valueOf(1_000_000), true);
        inTransaction(w -> {
            w.observer.observe(hidden);
            w.observer.observe(shared);
            return null;
        });
        ReceiptView full = inTransaction(w -> w.receipts.receipt(CALLER_ACTOR, hidden.receiptId()));
        assertThat(full.prompt()).isEqualTo("What colour is the sky?");
        assertThat(full.transferId()).isEqualTo(FeeSplitTransfers.transferIdOf(hidden.receiptId()));

        ReceiptView paid = inTransaction(w -> w.receipts.receipt(ALICE_ACTOR, hidden.receiptId()));
        assertThat(paid.prompt()).isNull();
        assertThat(paid.transferId()).isNull();
        assertThat(paid.payees())
                .filteredOn(p -> !p.viewer() && !"PLATFORM".equals(p.role()))
                .allSatisfy(p -> assertThat(p.payee()).isNull());
        assertThat(inTransaction(w -> w.receipts.receipt(ALICE_ACTOR, shared.receiptId()))
                        .prompt())
                .isEqualTo("What colour is the sky?");

        // The attack: another organization's member, with every role, asks by id for the receipt, its proof and the
        // list; so does the copier whose record was a duplicate (the split did not pay them).
        for (Actor attacker : List.of(STRANGER_ACTOR, COPIER_ACTOR)) {
            assertThatThrownBy(() -> inTransaction(w -> w.receipts.receipt(attacker, hidden.receiptId())))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> inTransaction(w -> w.receipts.proof(attacker, hidden.receiptId())))
                    .isInstanceOf(NotFound.class);
            assertThat(inTransaction(w -> w.receipts.receipts(attacker, new PageRequest(1, 200)))
                            .items())
                    .noneMatch(r -> r.id().equals(hidden.receiptId()) || r.id().equals(shared.receiptId()));
        }
        assertThat(inTransaction(w -> w.receipts.receipts(ALICE_ACTOR, new PageRequest(1, 200)))
                        .items())
                .anyMatch(r ->
                        r.id().equals(hidden.receiptId()) && r.paidToViewer().signum() > 0);
    }

    @Test
    void sealedReceiptsProveIntoTheirBatchRootOffline() throws Exception {
        InferenceServed event = served(BigInteger.valueOf(123_456_789), false);
        inTransaction(w -> {
            w.observer.observe(event);
            return null;
        });
        List<DomainEvent> sealed = new ArrayList<>();
        UUID batch = inTransaction(w -> {
            UUID id = w.batches.seal();
            sealed.addAll(w.published);
            return id;
        });
        assertThat(batch).isNotNull();
        assertThat(sealed).singleElement().isInstanceOf(ReceiptBatchSealed.class);
        UUID none = inTransaction(w -> w.batches.seal());
        assertThat(none).isNull();
        String text = inTransaction(w -> w.receipts.proof(CALLER_ACTOR, event.receiptId()));
        AnchoredProof proof = AnchoredProof.fromJson(text);
        // What a verifier does with the file alone: hash the content, rebuild the leaf from the record's fields, walk
        // the proof to the root (the anchor needs a chain: AttributionIT).
        assertThat(proof.encoding()).isEqualTo("tributary.attribution-receipt.v1");
        assertThat(proof.verifyInclusion()).isTrue();
        Map<String, String> r = proof.record();
        assertThat("0x" + sha256(proof.context().get("content"))).isEqualTo(r.get("contentSha256"));
        Bytes32 leaf = new ReceiptLeaf(
                        UUID.fromString(r.get("receiptId")),
                        UUID.fromString(r.get("modelVersionId")),
                        Bytes32.of(r.get("promptSha256")),
                        Bytes32.of(r.get("outputSha256")),
                        Bytes32.of(r.get("contentSha256")),
                        new BigInteger(r.get("charge")))
                .leaf();
        assertThat(leaf).isEqualTo(proof.leaf());
        assertThat(MerkleTree.verify(leaf, proof.proof(), proof.root())).isTrue();
        assertThat(proof.anchor()).isNull();
        assertThat(text).contains("tributary.proof.v1");
    }

    static BigInteger held() {
        return inTransaction(w -> w.ledger.balance(holding).posted());
    }

    static BigInteger amount(Receipt receipt, PayeeRole role, UUID member) {
        return receipt.getPayees().stream()
                .filter(p -> p.role() == role && member.equals(p.memberId()))
                .map(ReceiptPayee::amount)
                .findFirst()
                .orElse(BigInteger.ZERO);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
