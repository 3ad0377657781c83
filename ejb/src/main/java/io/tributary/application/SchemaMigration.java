package io.tributary.application;

import io.tributary.persistence.TenantContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema up to date with Flyway before anything else runs, then has Hibernate validate the mapping
 * against it; a mismatch stops the deployment. Flyway connects as the schema owner (TributaryOwnerDS); the application
 * connects as a role that is then granted row access only, so a flaw in the application cannot create, alter or drop
 * tables, nor rewrite the audit log or the ledger's legs.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    /** Owner of the schema: migrations only. */
    @Resource(lookup = "java:jboss/datasources/TributaryOwnerDS")
    DataSource ownerDataSource;

    /** The application's own connections, whose role receives the grants. */
    @Resource(lookup = "java:jboss/datasources/TributaryDS")
    DataSource dataSource;

    @PersistenceUnit(unitName = "tributary")
    EntityManagerFactory entityManagerFactory;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(TenantContext.class.getClassLoader())
                .dataSource(ownerDataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        grantRowAccess();
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    /** Gives the application's role (when it is not the owner) rows to work with, and nothing more. */
    private void grantRowAccess() {
        try (Connection app = dataSource.getConnection();
                Connection owner = ownerDataSource.getConnection();
                Statement st = owner.createStatement()) {
            String appRole = app.getMetaData().getUserName();
            if (appRole.equals(owner.getMetaData().getUserName())) {
                LOG.warning("The application connects as the schema owner " + appRole
                        + "; give it a role of its own (tributary.db.user) so that it cannot change the schema.");
                return;
            }
            String role = st.enquoteIdentifier(appRole, true);
            st.execute("grant usage on schema public to " + role);
            st.execute("grant select, insert, update, delete on all tables in schema public to " + role);
            st.execute("grant usage, select on all sequences in schema public to " + role);
            // Append-only history: the triggers refuse changes too, but the role should not even hold the right.
            st.execute("revoke update, delete on audit_entry, ledger_leg from " + role);
            st.execute("revoke all on flyway_schema_history from " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application's database role its rights", e);
        }
    }
}
