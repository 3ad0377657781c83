package io.tributary.persistence.rewards;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * A real PostgreSQL with the ledger migration, shared by the test classes, and a {@link Ledger} wired by hand to an
 * entity manager whose transaction the test controls (the stand-in for the EJB container).
 */
final class LedgerDatabase {

    private static LedgerDatabase instance;

    final EmbeddedPostgres postgres;
    final DataSource dataSource;
    final SessionFactory sessions;

    private LedgerDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        // The stand-in tenant and member tables (V1 of the real module) live in a test-only location.
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Configuration configuration = new Configuration()
                .addAnnotatedClass(LedgerAccount.class)
                .addAnnotatedClass(LedgerTransfer.class)
                .addAnnotatedClass(LedgerLeg.class);
        // Hibernate's own small pool: the plain DataSource opens a new connection per transaction, too slow for 1,000.
        configuration.setProperty("hibernate.connection.url", postgres.getJdbcUrl("postgres", "postgres"));
        configuration.setProperty("hibernate.connection.username", "postgres");
        configuration.setProperty("hibernate.connection.pool_size", "12");
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        configuration.setProperty("hibernate.jdbc.time_zone", "UTC");
        sessions = configuration.buildSessionFactory();
        sessions.getSchemaManager().validateMappedObjects();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sessions.close();
            try {
                postgres.close();
            } catch (Exception ignored) {
                // The JVM is going away; the embedded server's directory is temporary anyway.
            }
        }));
    }

    static synchronized LedgerDatabase get() {
        if (instance == null) {
            try {
                instance = new LedgerDatabase();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test database", e);
            }
        }
        return instance;
    }

    /** Runs work in one transaction, committing on success and rolling back on any exception, like a CMT EJB. */
    <T> T inTransaction(Function<Ledger, T> work) {
        EntityManager em = sessions.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(ledgerOn(em));
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    /** Runs work on a plain entity manager in one transaction (for repositories beside the ledger). */
    <T> T inSession(Function<EntityManager, T> work) {
        EntityManager em = sessions.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    void run(Consumer<Ledger> work) {
        inTransaction(ledger -> {
            work.accept(ledger);
            return null;
        });
    }

    static Ledger ledgerOn(EntityManager em) {
        Ledger ledger = new Ledger();
        ledger.accounts = new LedgerAccountRepository();
        ledger.accounts.em = em;
        ledger.transfers = new LedgerTransferRepository();
        ledger.transfers.em = em;
        return ledger;
    }

    UUID newTenant() {
        UUID id = UUID.randomUUID();
        sql(
                "insert into tenant (id, alias, name, status, brand_name, brand_colour, brand_mode, created_at, version)"
                        + " values (?, ?, 'Test', 'ACTIVE', 'Test', '#123456', 'LIGHT', ?, 0)",
                id,
                "t-" + id.toString().substring(0, 8),
                Timestamp.from(Instant.now()));
        return id;
    }

    UUID newMember(UUID tenantId) {
        UUID id = UUID.randomUUID();
        sql(
                "insert into member (id, tenant_id, email, roles, created_at, version) values (?, ?, ?, 'CONTRIBUTOR', ?, 0)",
                id,
                tenantId,
                id + "@test.example",
                Timestamp.from(Instant.now()));
        return id;
    }

    int sql(String statement, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
