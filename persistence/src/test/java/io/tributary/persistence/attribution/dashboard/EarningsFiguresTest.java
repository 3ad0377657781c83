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
        }
    }
}
