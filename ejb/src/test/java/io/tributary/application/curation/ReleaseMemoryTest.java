package io.tributary.application.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.application.Actor;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.events.DomainEvent;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.chain.Bytes32;
import io.tributary.chain.MerkleProof;
import io.tributary.chain.MerkleTree;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.curation.ReleaseEntry;
import io.tributary.persistence.curation.ReleaseRepository;
import io.tributary.persistence.datanet.BadLinePolicy;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.PersonalDataPolicy;
import io.tributary.persistence.datanet.ReviewPolicy;
import io.tributary.persistence.datanet.ValidatorPool;
import io.tributary.persistence.datanet.Visibility;
import io.tributary.persistence.tenancy.MemberRepository;
import io.tributary.persistence.tenancy.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release of {@value #RECORDS} records, each carrying about {@value #FIELD_CHARS} characters of fields, published,
 * proven and exported by the real {@link ReleaseService} against a real PostgreSQL, in a JVM whose heap (-Xmx64m, see
 * the ejb pom's {@code release-memory} execution) is far smaller than those records (about 100 MB of fields alone):
 * the service holds the Merkle tree's nodes (64 bytes a record, 6.4 MB here) and one fetch of rows at a time.
 */
class ReleaseMemoryTest {

    static final int RECORDS = 100_000;
    static final int FIELD_CHARS = 1_000;

    private static EmbeddedPostgres postgres;
    private static SessionFactory sessions;
    private static DataNet dataNet;
    private static Actor owner;

    @BeforeAll
    static void database() throws Exception {
        // Meaningful only where the records alone would not fit: the ejb pom's release-memory execution (-Xmx64m).
        assumeTrue(
                (long) RECORDS * FIELD_CHARS > Runtime.getRuntime().maxMemory(),
                "run in the release-memory execution (-Xmx64m)");
        long started = System.nanoTime();
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        UUID tenant = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        owner = new Actor(tenant, member, "mia", Set.of(Role.MODEL_BUILDER, Role.CONTRIBUTOR));
        dataNet = new DataNet(
                tenant,
                member,
                "Big",
                "testing",
                "A large release.",
                List.of("test"),
                "QUESTION_ANSWER",
                "CC0-1.0",
                Visibility.PRIVATE,
                new ContributionRules(
                        List.of("JSONL"), 1 << 20, 1_000_000, BadLinePolicy.KEEP_VALID, PersonalDataPolicy.FLAG, 0.8),
                new ReviewPolicy(1, 1, ValidatorPool.OWNER_ORGANIZATION));
        UUID upload = UUID.randomUUID();
        try (Connection sql = dataSource.getConnection();
                Statement statement = sql.createStatement()) {
            statement.execute("insert into tenant (id, alias, name, status, brand_name, brand_colour, brand_mode,"
                    + " created_at, version) values ('" + tenant + "', 'big', 'Big', 'ACTIVE', 'Big', '#123456',"
                    + " 'LIGHT', now(), 0)");
            statement.execute("insert into member (id, tenant_id, email, roles, created_at, version) values ('" + member
                    + "', '" + tenant + "', 'mia@big.test', 'CONTRIBUTOR', now(), 0)");
            statement.execute("insert into datanet (id, owner_tenant_id, owner_member_id, name, domain, description,"
                    + " tags, record_type, licence, visibility, allowed_formats, max_upload_bytes, daily_quota,"
                    + " bad_line_policy, personal_data_policy, near_duplicate_threshold, approvals_required,"
                    + " reviewers_per_record, validator_pool, created_at, version) values ('" + dataNet.getId()
                    + "', '" + tenant + "', '" + member + "', 'Big', 'testing', 'A large release.', 'test',"
                    + " 'QUESTION_ANSWER', 'CC0-1.0', 'PRIVATE', 'JSONL', 1048576, 1000000, 'KEEP_VALID', 'FLAG',"
                    + " 0.8, 1, 1, 'OWNER_ORGANIZATION', now(), 0)");
            statement.execute("insert into upload (id, datanet_id, contributor_tenant_id, contributor_member_id,"
                    + " contributor_email, file_name, format, sha256, size_bytes, records_added, bad_lines,"
                    + " created_at) values ('" + upload + "', '" + dataNet.getId() + "', '" + tenant + "', '"
                    + member + "', 'mia@big.test', 'big.jsonl', 'JSONL', repeat('0', 64), 1, " + RECORDS
                    + ", 0, now())");
            // Built in the database: the test's own heap never holds the records either.
            try (PreparedStatement insert = sql.prepareStatement("insert into contribution (id, datanet_id,"
                    + " upload_id, contributor_tenant_id, contributor_member_id, contributor_email, position,"
                    + " fields, content_hash, signature, quality_score, checks, status, approvals, rejections,"
                    + " created_at, decided_at, version) select gen_random_uuid(), ?, ?, ?, ?, 'mia@big.test', g,"
                    + " json_build_object('question', 'Question ' || g, 'answer', repeat('a', ?))::text,"
                    + " encode(sha256(g::text::bytea), 'hex'), '\\x00'::bytea, 0.9, '[]', 'ACCEPTED', 1, 0,"
                    + " now(), now(), 0 from generate_series(1, ?) g")) {
                insert.setObject(1, dataNet.getId());
                insert.setObject(2, upload);
                insert.setObject(3, tenant);
                insert.setObject(4, member);
                insert.setInt(5, FIELD_CHARS);
                insert.setInt(6, RECORDS);
                insert.execute();
            }
        }
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Contribution.class)
                .addAnnotatedClass(Release.class)
                .addAnnotatedClass(ReleaseEntry.class);
        configuration.setProperty("hibernate.connection.url", postgres.getJdbcUrl("postgres", "postgres"));
        configuration.setProperty("hibernate.connection.username", "postgres");
        configuration.setProperty("hibernate.connection.pool_size", "2");
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        configuration.setProperty("hibernate.jdbc.batch_size", "500");
        configuration.setProperty("hibernate.order_inserts", "true");
        configuration.setProperty("hibernate.jdbc.time_zone", "UTC");
        sessions = configuration.buildSessionFactory();
        System.out.printf("setup %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() throws IOException {
        if (sessions != null) sessions.close();
        if (postgres != null) postgres.close();
    }

    /** The service wired by hand to one entity manager whose transaction the test runs, as the container would. */
    private static <T> T inTransaction(Function<ReleaseService, T> work) throws Exception {
        EntityManager em = sessions.createEntityManager();
        try {
            em.getTransaction().begin();
            ReleaseService service = new ReleaseService();
            service.contributions = inject(new ContributionRepository(), em);
            service.releases = inject(new ReleaseRepository(), em);
            service.names = named(inject(new MemberRepository(), em));
            service.dataNets = new DataNetService() {
                @Override
                public DataNet get(Actor actor, UUID id) {
                    return dataNet;
                }

                @Override
                public boolean isOwner(Actor actor, DataNet net) {
                    return true;
                }
            };
            service.audit = new AuditLog() {
                @Override
                public void changed(Actor actor, UUID tenantId, String action, String target, String detail) {}
            };
            service.events = new DomainEvents() {
                @Override
                public UUID publish(DomainEvent event) {
                    return UUID.randomUUID();
                }
            };
            T result = work.apply(service);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) em.getTransaction().rollback();
            em.close();
        }
    }

    /** The export names contributors as the viewer may see them. */
    private static MemberNames named(MemberRepository members) throws ReflectiveOperationException {
        MemberNames names = new MemberNames();
        Field field = MemberNames.class.getDeclaredField("members");
        field.setAccessible(true);
        field.set(names, members);
        return names;
    }

    private static <R> R inject(R repository, EntityManager em) throws ReflectiveOperationException {
        Field field = repository.getClass().getDeclaredField("em");
        field.setAccessible(true);
        field.set(repository, em);
        return repository;
    }

    @Test
    void aReleaseFarLargerThanTheHeapIsPublishedProvenAndExported() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        long started = System.nanoTime();
        Release release = inTransaction(service -> service.publish(owner, dataNet.getId()));
        System.out.printf("publish %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(release.getRecordCount()).isEqualTo(RECORDS);

        // One record's proof reads its leaf and O(log n) tree nodes; it verifies against the published root.
        UUID someRecord = inTransaction(service -> (UUID) service.releases
                .records(release.getId())
                .findFirst()
                .orElseThrow()
                .contributionId());
        MerkleProof proof = inTransaction(service -> service.proof(owner, dataNet.getId(), 1, someRecord));
        assertThat(proof.verify()).isTrue();
        assertThat(proof.root().hex()).isEqualTo(release.getMerkleRoot());
        int depth = 31 - Integer.numberOfLeadingZeros(2 * RECORDS - 1);
        assertThat(proof.proof()).hasSizeBetween(depth - 1, depth);

        // A release published before trees were stored gets its tree from its entries' leaves on first use.
        try (Connection sql = postgres.getPostgresDatabase().getConnection();
                PreparedStatement forget = sql.prepareStatement("delete from release_tree_part where release_id = ?")) {
            forget.setObject(1, release.getId());
            assertThat(forget.executeUpdate()).isEqualTo((int) Math.ceil((2.0 * RECORDS - 1) * 32 / (1 << 20)));
        }
        MerkleProof rebuilt = inTransaction(service -> service.proof(owner, dataNet.getId(), 1, someRecord));
        assertThat(rebuilt).isEqualTo(proof);

        // The export streams every record with its proof; the reader checks lines as they arrive.
        started = System.nanoTime();
        ExportChecker checked = new ExportChecker(Bytes32.of(release.getMerkleRoot()));
        inTransaction(service -> {
            service.export(owner, dataNet.getId(), 1, checked);
            return null;
        });
        assertThat(checked.lines).isEqualTo(RECORDS);
        System.out.printf("export %d ms%n", (System.nanoTime() - started) / 1_000_000);

        System.out.printf(
                "{\"records\": %d, \"fieldChars\": %d, \"maxHeapMiB\": %d, \"treeMiB\": %.1f}%n",
                RECORDS, FIELD_CHARS, heap >> 20, (2.0 * RECORDS - 1) * 32 / (1 << 20));
    }

    /** Takes the export as it is written, one line at a time, proving every 97th line into the release root. */
    private static final class ExportChecker extends OutputStream {
        private final Bytes32 root;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lines;

        ExportChecker(Bytes32 root) {
            this.root = root;
        }

        @Override
        public void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            if (lines++ % 97 == 0) {
                check(line.toString(StandardCharsets.UTF_8));
            }
            line.reset();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        private void check(String text) {
            JsonObject record = Json.createReader(new StringReader(text)).readObject();
            List<Bytes32> siblings =
                    record.getJsonArray("proof").getValuesAs((jakarta.json.JsonString s) -> Bytes32.of(s.getString()));
            Bytes32 leaf = MerkleTree.leaf(
                    UUID.fromString(record.getString("recordId")),
                    Bytes32.of("0x" + record.getString("contentSha256")),
                    UUID.fromString(record.getString("contributorId")));
            if (!leaf.hex().equals(record.getString("leaf")) || !MerkleTree.verify(leaf, siblings, root)) {
                throw new AssertionError("line " + lines + " does not prove into the root");
            }
        }
    }
}
