package io.tributary.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.persistence.audit.AuditEntry;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.datanet.BadLinePolicy;
import io.tributary.persistence.datanet.CheckResult;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.persistence.datanet.Contributor;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.PersonalDataPolicy;
import io.tributary.persistence.datanet.ReviewPolicy;
import io.tributary.persistence.datanet.Upload;
import io.tributary.persistence.datanet.ValidatorPool;
import io.tributary.persistence.datanet.Visibility;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.MemberRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The Flyway schema and the JPA mapping agree, and Hibernate's tenant filter isolates tenants, on a real PostgreSQL.
 */
class MappingTest {

    static EmbeddedPostgres postgres;
    static SessionFactory sessions;

    @BeforeAll
    static void migrateAndValidate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();

        Configuration configuration = new Configuration();
        for (String entity : entitiesListedInPersistenceXml()) {
            configuration.addAnnotatedClass(Class.forName(entity));
        }
        configuration.getProperties().put("hibernate.connection.datasource", dataSource);
        configuration.setProperty("hibernate.tenant_identifier_resolver", TributaryTenantResolver.class.getName());
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        sessions = configuration.buildSessionFactory();
        sessions.getSchemaManager().validateMappedObjects();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) sessions.close();
        if (postgres != null) postgres.close();
    }

    static List<String> entitiesListedInPersistenceXml() throws Exception {
        try (InputStream in = MappingTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            NodeList classes = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(in)
                    .getElementsByTagName("class");
            return java.util.stream.IntStream.range(0, classes.getLength())
                    .mapToObj(i -> classes.item(i).getTextContent().trim())
                    .toList();
        }
    }

    static <T> T inTransaction(UUID tenant, Function<Session, T> work) {
        return TenantContext.as(tenant, () -> {
            try (Session session = sessions.openSession()) {
                session.beginTransaction();
                T result = work.apply(session);
                session.getTransaction().commit();
                return result;
            }
        });
    }

    static void run(UUID tenant, Consumer<Session> work) {
        inTransaction(tenant, (Function<Session, Object>) s -> {
            work.accept(s);
            return null;
        });
    }

    static Tenant newTenant(String alias) {
        Tenant tenant = new Tenant(alias, alias.toUpperCase(), null);
        run(TenantContext.PLATFORM, s -> s.persist(tenant));
        return tenant;
    }

    @Test
    void aContributionsCheckResultsAreTypedValuesStoredAsJsonb() {
        Tenant acme = newTenant("checks-" + UUID.randomUUID().toString().substring(0, 8));
        Member carla = new Member("carla@acme.test", "Carla", EnumSet.of(Role.CONTRIBUTOR));
        run(acme.getId(), s -> s.persist(carla));
        DataNet dataNet = new DataNet(
                acme.getId(),
                carla.getId(),
                "Checks " + UUID.randomUUID(),
                "testing",
                "",
                List.of(),
                "QUESTION_ANSWER",
                "CC-BY-4.0",
                Visibility.PRIVATE,
                new ContributionRules(
                        List.of("JSONL"), 1024, 10, BadLinePolicy.KEEP_VALID, PersonalDataPolicy.FLAG, 0.8),
                new ReviewPolicy(1, 1, ValidatorPool.OWNER_ORGANIZATION));
        Upload upload = new Upload(
                dataNet.getId(),
                new Contributor(acme.getId(), carla.getId(), "carla@acme.test"),
                "a.jsonl",
                "JSONL",
                "ab",
                10);
        List<CheckResult> checks = List.of(
                CheckResult.pass("format", "parsed"),
                new CheckResult("personal-data", CheckResult.Outcome.WARN, "EMAIL c***@acme.test"));
        Contribution contribution = new Contribution(
                upload,
                1,
                "{\"q\":\"a\"}",
                "hash",
                new byte[] {1},
                0.9,
                checks,
                null,
                null,
                ContributionStatus.IN_REVIEW,
                null);
        run(acme.getId(), s -> {
            s.persist(dataNet);
            s.persist(upload);
            s.persist(contribution);
        });

        List<CheckResult> read = inTransaction(
                acme.getId(),
                s -> s.get(Contribution.class, contribution.getId()).getChecks());
        assertThat(read).containsExactlyElementsOf(checks);
        // jsonb, not text: the database reads into it.
        Object outcome = inTransaction(
                acme.getId(),
                s -> s.createNativeQuery("select checks->1->>'outcome' from contribution where id = :id", String.class)
                        .setParameter("id", contribution.getId())
                        .getSingleResult());
        assertThat(outcome).isEqualTo("WARN");
    }

    @Test
    void listsSortAndFilterByTheirDeclaredColumnsInTheDatabase() throws Exception {
        Tenant acme = newTenant("lists-" + UUID.randomUUID().toString().substring(0, 8));
        Member carla = new Member("carla@lists.test", "Carla", EnumSet.of(Role.CONTRIBUTOR));
        Member vera = new Member("vera@lists.test", "Vera", EnumSet.of(Role.VALIDATOR));
        run(acme.getId(), s -> {
            s.persist(carla);
            s.persist(vera);
        });
        String tag = UUID.randomUUID().toString().substring(0, 8);
        DataNet alpha = dataNet(acme, carla, "Alpha " + tag, Visibility.PRIVATE);
        DataNet beta = dataNet(acme, carla, "Beta " + tag, Visibility.PUBLIC);
        Upload upload = new Upload(
                alpha.getId(),
                new Contributor(acme.getId(), carla.getId(), "carla@lists.test"),
                "a.jsonl",
                "JSONL",
                "ab",
                10);
        List<Contribution> records = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> new Contribution(
                        upload,
                        i,
                        "{}",
                        "hash" + i,
                        new byte[] {1},
                        0.5 + i / 10.0,
                        List.of(CheckResult.pass("format", "parsed")),
                        null,
                        null,
                        i == 0 ? ContributionStatus.BLOCKED : ContributionStatus.IN_REVIEW,
                        null))
                .toList();
        run(acme.getId(), s -> {
            s.persist(alpha);
            s.persist(beta);
            s.persist(upload);
            records.forEach(s::persist);
        });

        inTransaction(acme.getId(), s -> {
            var dataNets = new io.tributary.persistence.datanet.DataNetRepository();
            var contributions = new io.tributary.persistence.datanet.ContributionRepository();
            var reviews = new io.tributary.persistence.curation.ReviewRepository();
            var releases = new io.tributary.persistence.curation.ReleaseRepository();
            for (Object repository : List.of(dataNets, contributions, reviews, releases)) {
                inject(repository, s);
            }
            ListQuery first = ListQuery.of(PageRequest.FIRST);
            assertThat(dataNets.openTo(acme.getId(), first.filtered("name", tag).sorted("name", true))
                            .items())
                    .extracting(DataNet::getName)
                    .containsExactly("Beta " + tag, "Alpha " + tag);
            assertThat(dataNets.openTo(acme.getId(), first.filtered("name", tag).filtered("visibility", "public"))
                            .items())
                    .extracting(DataNet::getName)
                    .containsExactly("Beta " + tag);
            assertThat(contributions
                            .ofContributor(
                                    carla.getId(),
                                    first.filtered("status", "IN_REVIEW").sorted("qualityScore", true))
                            .items())
                    .extracting(Contribution::getPosition)
                    .containsExactly(2, 1);
            assertThat(contributions
                            .leaderboard(alpha.getId(), first.sorted("decided", true))
                            .items())
                    .containsExactly(new io.tributary.persistence.datanet.ContributorTally(carla.getId(), 0, 0));
            assertThat(reviews.waitingFor(alpha.getId(), vera.getId(), first.sorted("qualityScore", true))
                            .items())
                    .containsExactly(records.get(2).getId(), records.get(1).getId());
            assertThat(releases.ofDataNet(alpha.getId(), first.sorted("publishedAt", false))
                            .total())
                    .isZero();
            return null;
        });
    }

    private static DataNet dataNet(Tenant tenant, Member owner, String name, Visibility visibility) {
        return new DataNet(
                tenant.getId(),
                owner.getId(),
                name,
                "testing",
                "",
                List.of(),
                "QUESTION_ANSWER",
                "CC-BY-4.0",
                visibility,
                new ContributionRules(
                        List.of("JSONL"), 1024, 10, BadLinePolicy.KEEP_VALID, PersonalDataPolicy.FLAG, 0.8),
                new ReviewPolicy(1, 1, ValidatorPool.OWNER_ORGANIZATION));
    }

    private static void inject(Object repository, Session session) {
        try {
            var field = repository.getClass().getDeclaredField("em");
            field.setAccessible(true);
            field.set(repository, session);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tenantFilterHidesOtherTenantsMembersFromQueriesAndStampsInserts() {
        Tenant acme = newTenant("acme-" + UUID.randomUUID().toString().substring(0, 8));
        Tenant globex = newTenant("globex-" + UUID.randomUUID().toString().substring(0, 8));
        Member alice = new Member("alice@acme.test", "Alice", EnumSet.of(Role.CONTRIBUTOR));
        run(acme.getId(), s -> s.persist(alice));

        List<Member> acmeSees = inTransaction(
                acme.getId(), s -> s.createQuery("from Member", Member.class).getResultList());
        assertThat(acmeSees).extracting(Member::getEmail).containsExactly("alice@acme.test");

        List<Member> globexSees = inTransaction(
                globex.getId(),
                s -> s.createQuery("from Member m where m.id = :id", Member.class)
                        .setParameter("id", alice.getId())
                        .getResultList());
        assertThat(globexSees).isEmpty();

        UUID stamped = inTransaction(
                acme.getId(), s -> s.get(Member.class, alice.getId()).getTenantId());
        assertThat(stamped).isEqualTo(acme.getId());

        List<Member> platformSees = inTransaction(
                TenantContext.PLATFORM,
                s -> s.createQuery("from Member m where m.id = :id", Member.class)
                        .setParameter("id", alice.getId())
                        .getResultList());
        assertThat(platformSees).hasSize(1);
    }

    @Test
    void membersAreNamedAcrossTenantsByTheirPublicNameNeverDerivedFromTheEmail() throws Exception {
        Tenant acme = newTenant("names-" + UUID.randomUUID().toString().substring(0, 8));
        Tenant globex = newTenant("names-" + UUID.randomUUID().toString().substring(0, 8));
        Member alice = new Member("alice@acme.test", "Alice", EnumSet.of(Role.CONTRIBUTOR));
        Member gus = new Member("gus@globex.test", "Gus", EnumSet.of(Role.CONTRIBUTOR));
        gus.choosePublicName("Clause Hunter");
        run(acme.getId(), s -> s.persist(alice));
        run(globex.getId(), s -> s.persist(gus));
        assertThat(alice.getPublicName()).matches("Contributor [0-9A-F]{6}").doesNotContainIgnoringCase("alice");

        var names = inTransaction(acme.getId(), s -> {
            MemberRepository repository = new MemberRepository();
            try {
                var em = MemberRepository.class.getDeclaredField("em");
                em.setAccessible(true);
                em.set(repository, s);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return repository.names(List.of(alice.getId(), gus.getId(), UUID.randomUUID()));
        });
        assertThat(names).hasSize(2);
        assertThat(names.get(gus.getId()).as(acme.getId())).isEqualTo("Clause Hunter");
        assertThat(names.get(gus.getId()).as(globex.getId())).isEqualTo("gus@globex.test");
        assertThat(names.get(alice.getId()).as(acme.getId())).isEqualTo("alice@acme.test");
        assertThat(names.get(alice.getId()).as(null)).isEqualTo(alice.getPublicName());
    }

    @Test
    void withoutATenantNothingIsVisible() {
        Tenant acme = newTenant("lonely-" + UUID.randomUUID().toString().substring(0, 8));
        run(acme.getId(), s -> s.persist(new Member("bob@acme.test", "Bob", EnumSet.of(Role.VALIDATOR))));
        try (Session session = sessions.openSession()) {
            assertThat(session.createQuery("from Member", Member.class).getResultList())
                    .isEmpty();
        }
    }

    @Test
    void rolesRoundTripThroughTheirKeys() {
        Tenant acme = newTenant("roles-" + UUID.randomUUID().toString().substring(0, 8));
        Member member = new Member("carol@acme.test", null, EnumSet.of(Role.ORG_ADMIN, Role.MODEL_BUILDER));
        run(acme.getId(), s -> s.persist(member));
        Member loaded = inTransaction(acme.getId(), s -> s.get(Member.class, member.getId()));
        assertThat(loaded.getRoles()).containsExactlyInAnyOrder(Role.ORG_ADMIN, Role.MODEL_BUILDER);
    }

    @Test
    void auditLogRefusesUpdatesAndDeletes() throws Exception {
        Tenant acme = newTenant("audit-" + UUID.randomUUID().toString().substring(0, 8));
        run(
                TenantContext.PLATFORM,
                s -> s.persist(new AuditEntry(acme.getId(), "alice", "member.invite", "x", Outcome.SUCCESS, null)));
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update audit_entry set actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("delete from audit_entry"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void schemaRejectsMalformedBranding() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate(
                            "insert into tenant values (gen_random_uuid(), 'bad', 'Bad', 'ACTIVE', null, 'Bad', null,"
                                    + " 'red', 'LIGHT', now(), 0)"))
                    .hasMessageContaining("brand_colour");
        }
    }
}
