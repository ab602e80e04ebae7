package org.avmam.config;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to date before anything else starts. Run here rather than by Quarkus's
 * migrate-at-start so that an unreachable or wrong database stops the service with the settings
 * to fix, not only a driver stack trace.
 */
@Startup(Integer.MIN_VALUE)
@ApplicationScoped
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class);

    private final Flyway flyway;
    private final String url;
    private final boolean cleanAtStart;

    public DatabaseMigration(Flyway flyway, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            AvmamConfig config) {
        this.flyway = flyway;
        this.url = url;
        this.cleanAtStart = config.database().cleanAtStart();
    }

    @PostConstruct
    void migrate() {
        try {
            if (cleanAtStart) {
                flyway.clean();
            }
            var result = flyway.migrate();
            if (url.startsWith("jdbc:postgresql:")) {
                // A partial index H2 cannot express: the leasing query reads pending jobs only, however many finished ones the
                // table holds between prunings.
                try (var c = flyway.getConfiguration().getDataSource().getConnection(); var s = c.createStatement()) {
                    s.execute("CREATE INDEX IF NOT EXISTS job_pending_idx ON job (queue, priority, run_at, id) WHERE state = 'PENDING'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot create the index of pending jobs: " + e.getMessage(), e);
                }
            }
            LOG.infof("Database %s at schema version %s", url, result.targetSchemaVersion != null
                    ? result.targetSchemaVersion : flyway.info().current().getVersion());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("the database at " + url + " cannot be used (quarkus.datasource.jdbc.url /"
                    + " QUARKUS_DATASOURCE_JDBC_URL, quarkus.datasource.username, quarkus.datasource.password): "
                    + root.getMessage(), e);
        }
    }
}
