package io.tributary.persistence.attribution.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboards' grouped queries run on the migrated schema and answer zeros, not errors, before any receipt. */
class EarningsFiguresTest {

    static EmbeddedPostgres postgres;
    static SessionFactory sessions;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        Configuration configuration = new Configuration();
        configuration.getProperties().put("hibernate.connection.datasource", dataSource);
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        sessions = configuration.buildSessionFactory();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) sessions.close();
        if (postgres != null) postgres.close();
    }

    @Test
    void everyFigureRunsOnAnEmptyPlatform() {
        try (Session session = sessions.openSession()) {
            EarningsFigures figures = new EarningsFigures();
            figures.em = session;
            UUID someone = UUID.randomUUID();
            Instant since = Instant.now().minusSeconds(86_400);

            assertThat(figures.contributorByDayAndModel(someone, since)).isEmpty();
            assertThat(figures.contributorByDataNet(someone)).isEmpty();
            assertThat(figures.mostInfluential(someone, 10)).isEmpty();
            assertThat(figures.ownerModels(someone)).isEmpty();
            assertThat(figures.ownerRevenueByDay(someone, since)).isEmpty();
            assertThat(figures.ownerTopDataNets(someone, 10)).isEmpty();
            EarningsFigures.PlatformFigures platform = figures.platform(since);
            assertThat(platform.receipts()).isZero();
            assertThat(platform.feeIncome()).isEqualTo(BigInteger.ZERO);
            assertThat(platform.latencyP95Ms()).isNull();
            assertThat(platform.openDisputes()).isZero();
            assertThat(figures.dataNetByDay(someone, since)).isEmpty();
            assertThat(figures.dataNetByModel(someone)).isEmpty();
        }
    }

    /**
     * One receipt of 1,000 units crediting two DataNets: Ann's records (weights 0.3 in D, 0.1 in E) were paid 400,
     * Ben's (0.6 in E) 200; validators 100 in all. D's contributors get Ann's 400 × 0.3 / 0.4 = 300; D's validators
     * 100 × 0.3 / 1.0 = 30. A receipt crediting only E counts nothing for D.
     */
    @Test
    void aDataNetsContributorsAndValidatorsAreCreditedByTheWeightOfItsRecords() {
        UUID owner = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        UUID version = UUID.randomUUID();
        UUID mixed = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        try (Session session = sessions.openSession()) {
            // Rolled back at the end: the other test expects an empty platform.
            var transaction = session.beginTransaction();
            session.doWork(c -> {
                try (var st = c.createStatement()) {
                    st.execute(
                            "insert into tenant (id, alias, name, status, brand_name, brand_colour, brand_mode, created_at,"
                                    + " version) values ('" + owner + "', 'o-"
                                    + owner.toString().substring(0, 8)
                                    + "', 'Owner', 'ACTIVE', 'Owner', '#000000', 'LIGHT', now(), 0)");
                    for (UUID receipt : new UUID[] {mixed, elsewhere}) {
                        st.execute("insert into attribution_receipt (id, tenant_id, owner_tenant_id, model_version_id,"
                                + " model_name, model_version, base_sha256, adapter_sha256, release_roots, prompt, completion,"
                                + " prompt_sha256, output_sha256, share_prompt, prompt_tokens, completion_tokens, method,"
                                + " method_version, spans, charge, currency, contributors_bp, validators_bp, owner_bp,"
                                + " platform_bp, content_sha256, leaf, served_at, attributed_at) values ('" + receipt
                                + "', '" + owner + "', '" + owner + "', '" + version
                                + "', 'facts', 2, 'b', 'a', '[]', 'p',"
                                + " 'c', 'p', 'o', false, 1, 1, 'm', 'v', '[]', 1000, 'TRIB', 6000, 1000, 2000, 1000, 'x',"
                                + " '0x" + receipt + "', now(), now())");
                    }
                    st.execute("insert into attribution_receipt_record values ('" + mixed + "', 1, gen_random_uuid(),"
                            + " gen_random_uuid(), '" + d + "', '" + owner + "', '" + ann + "', 0.9, 0.3),"
                            + " ('" + mixed + "', 2, gen_random_uuid(), gen_random_uuid(), '" + e + "', '" + owner
                            + "', '"
                            + ann + "', 0.5, 0.1),"
                            + " ('" + mixed + "', 3, gen_random_uuid(), gen_random_uuid(), '" + e + "', '" + owner
                            + "', '"
                            + ben + "', 0.8, 0.6),"
                            + " ('" + elsewhere + "', 1, gen_random_uuid(), gen_random_uuid(), '" + e + "', '" + owner
                            + "', '" + ben + "', 0.8, 1.0)");
                    st.execute("insert into attribution_receipt_payee values ('" + mixed + "', 1, 'CONTRIBUTOR', '"
                            + owner
                            + "', '" + ann + "', 400), ('" + mixed + "', 2, 'CONTRIBUTOR', '" + owner + "', '" + ben
                            + "', 200), ('" + mixed + "', 3, 'VALIDATOR', '" + owner + "', gen_random_uuid(), 60), ('"
                            + mixed + "', 4, 'VALIDATOR', '" + owner + "', gen_random_uuid(), 40), ('" + mixed
                            + "', 5, 'MODEL_OWNER', '" + owner + "', null, 200), ('" + elsewhere
                            + "', 1, 'CONTRIBUTOR', '"
                            + owner + "', '" + ben + "', 700)");
                }
            });
            EarningsFigures figures = new EarningsFigures();
            figures.em = session;
            var byModel = figures.dataNetByModel(d);
            assertThat(byModel).hasSize(1);
            assertThat(byModel.get(0).modelVersionId()).isEqualTo(version);
            assertThat(byModel.get(0).ownerTenantId()).isEqualTo(owner);
            assertThat(byModel.get(0).contributors()).isEqualTo(BigInteger.valueOf(300));
            assertThat(byModel.get(0).validators()).isEqualTo(BigInteger.valueOf(30));
            assertThat(byModel.get(0).receipts()).isEqualTo(1);
            var byDay = figures.dataNetByDay(d, Instant.now().minusSeconds(86_400));
            assertThat(byDay).hasSize(1);
            assertThat(byDay.get(0).contributors()).isEqualTo(BigInteger.valueOf(300));
            assertThat(byDay.get(0).validators()).isEqualTo(BigInteger.valueOf(30));
            // E: Ann's 400 × 0.1 / 0.4 + Ben's 200 + Ben's 700 on the other receipt; validators 100 × 0.7.
            var e1 = figures.dataNetByModel(e).get(0);
            assertThat(e1.contributors()).isEqualTo(BigInteger.valueOf(100 + 200 + 700));
            assertThat(e1.validators()).isEqualTo(BigInteger.valueOf(70));
            assertThat(e1.receipts()).isEqualTo(2);
            transaction.rollback();
        }
    }
}
