package io.tributary.persistence.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.PageRequest;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.TributaryTenantResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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

/**
 * What makes the outbox cluster-safe, on a real PostgreSQL: while one node holds a delivery, another node's claim skips
 * it; once delivered, nobody claims it again; the payload is stored as jsonb.
 */
class OutboxClaimTest {

    static EmbeddedPostgres postgres;
    static SessionFactory sessions;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        Configuration configuration =
                new Configuration().addAnnotatedClass(OutboxEvent.class).addAnnotatedClass(EventDelivery.class);
        configuration.getProperties().put("hibernate.connection.datasource", dataSource);
        configuration.setProperty("hibernate.tenant_identifier_resolver", TributaryTenantResolver.class.getName());
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        sessions = configuration.buildSessionFactory();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) sessions.close();
        if (postgres != null) postgres.close();
    }

    private static OutboxRepository on(Session session) {
        OutboxRepository outbox = new OutboxRepository();
        outbox.em = session;
        return outbox;
    }

    private static Session open() {
        return TenantContext.as(TenantContext.PLATFORM, sessions::openSession);
    }

    @Test
    void aDeliveryHeldByOneNodeIsSkippedByAnotherAndNeverClaimedOnceDelivered() {
        Instant published = Instant.now().minusSeconds(1);
        OutboxEvent event = new OutboxEvent(
                "ReleasePublished", "release:x", null, "{\"releaseId\":\"" + UUID.randomUUID() + "\"}", published);
        EventDelivery anchoring = new EventDelivery(event.getId(), "ReleaseAnchoring", published);
        EventDelivery other = new EventDelivery(event.getId(), "SomethingElse", published);
        try (Session s = open()) {
            s.beginTransaction();
            on(s).add(event);
            on(s).add(anchoring);
            on(s).add(other);
            s.getTransaction().commit();
        }

        Instant now = Instant.now();
        try (Session first = open();
                Session second = open()) {
            first.beginTransaction();
            second.beginTransaction();
            assertThat(on(first).due(now, now, 10)).extracting(DueDelivery::id).contains(anchoring.getId());
            EventDelivery held = on(first).claim(anchoring.getId(), now, now).orElseThrow();
            assertThat(on(second).claim(anchoring.getId(), now, now))
                    .as("skipped while held")
                    .isEmpty();
            assertThat(on(second).claim(other.getId(), now, now))
                    .as("the other observer's delivery is its own")
                    .isPresent();
            held.delivered(now);
            first.getTransaction().commit();
            second.getTransaction().commit();
        }

        try (Session s = open()) {
            s.beginTransaction();
            assertThat(on(s).claim(anchoring.getId(), now, now))
                    .as("delivered: never again")
                    .isEmpty();
            assertThat(on(s).due(now, now, 10)).extracting(DueDelivery::id).doesNotContain(anchoring.getId());
            DeliveryRow row = on(s).row(anchoring.getId()).orElseThrow();
            assertThat(row.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(on(s).rows("ReleasePublished", DeliveryStatus.PENDING, new PageRequest(1, 10))
                            .items())
                    .extracting(DeliveryRow::observer)
                    .containsExactly("SomethingElse");
            Object type = s.createNativeQuery("select jsonb_typeof(payload) from outbox_event where id = ?1")
                    .setParameter(1, event.getId())
                    .getSingleResult();
            assertThat(type).isEqualTo("object");
            s.getTransaction().commit();
        }
    }

    @Test
    void eventsHeldBackAndFailuresWaitingForTheirRetryAreNotDue() {
        Instant published = Instant.now();
        OutboxEvent event =
                new OutboxEvent("ContributionDecided", "contribution:y", UUID.randomUUID(), "{}", published);
        EventDelivery failing = new EventDelivery(event.getId(), "DecisionNotices", published);
        try (Session s = open()) {
            s.beginTransaction();
            on(s).add(event);
            on(s).add(failing);
            s.getTransaction().commit();
        }
        Instant now = published.plusSeconds(1);
        try (Session s = open()) {
            s.beginTransaction();
            assertThat(on(s).due(now, now.minusSeconds(3600), 10))
                    .as("held back an hour")
                    .extracting(DueDelivery::id)
                    .doesNotContain(failing.getId());
            EventDelivery claimed = on(s).claim(failing.getId(), now, now).orElseThrow();
            claimed.failed(now, "x".repeat(EventDelivery.MAX_ERROR + 10), now.plusSeconds(2));
            s.getTransaction().commit();
        }
        try (Session s = open()) {
            s.beginTransaction();
            assertThat(on(s).claim(failing.getId(), now, now))
                    .as("waits for its back-off")
                    .isEmpty();
            assertThat(on(s).claim(failing.getId(), now.plusSeconds(2), now)).isPresent();
            DeliveryRow row = on(s).row(failing.getId()).orElseThrow();
            assertThat(row.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(row.lastError()).hasSize(EventDelivery.MAX_ERROR);
            assertThat(row.tenantId()).isEqualTo(event.getTenantId());
            s.getTransaction().commit();
        }
    }
}
