package org.avmam.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * The first start: with no admin account, {@code admin} is created with the configured password,
 * or with a one-time password written to a file only the service user can read.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);
    public static final String PASSWORD_FILE = "initial-admin-password";

    private final Accounts accounts;
    private final AvmamConfig config;

    public FirstAdmin(Accounts accounts, AvmamConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    // After the database migration (org.avmam.config.DatabaseMigration starts first of all).
    void onStart(@Observes @Priority(3000) StartupEvent e) throws IOException {
        var configured = config.access().adminPassword();
        if (configured.isPresent()) {
            boolean created;
            try {
                created = accounts.createAdminIfNone(configured.get());
            } catch (org.avmam.api.ApiException refused) {
                throw new IllegalStateException("avmam.access.admin-password (AVMAM_ADMIN_PASSWORD) is refused: " + refused.getMessage());
            }
            if (created) {
                LOG.info("Created the account 'admin' with the password from avmam.access.admin-password (AVMAM_ADMIN_PASSWORD)");
            }
            return;
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!accounts.createAdminIfNone(password)) {
            return;
        }
        Path file = config.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n");
        LOG.warnf("Created the account 'admin' with a one-time password, in %s (readable by this user only); sign in and change it, "
                + "or set AVMAM_ADMIN_PASSWORD before the first start", file);
    }
}
