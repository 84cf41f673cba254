package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.fieldcast.secret.OwnerOnlyFiles;

/**
 * A server whose database has no admin gets one at start, named {@code admin}: with the password of
 * {@code fieldcast.admin.password} ({@code FIELDCAST_ADMIN_PASSWORD}), else one made at random and
 * written, readable by the owner only, to {@code admin-password} in the data folder. The log names
 * that file, never the password.
 */
@ApplicationScoped
public class InitialAdmin {
    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());
    static final String NAME = "admin";
    static final String FILE = "admin-password";

    @Inject
    UserAccounts accounts;

    @Inject
    AccessSettings settings;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (accounts.anyAdmin()) {
            return;
        }
        String password = settings.adminPassword().orElseGet(this::passwordFile);
        UserAccounts.checkPassword(password);
        if (!accounts.createFirstAdmin(NAME, password.toCharArray())) {
            // Another node on the same database made it a moment before: its password is the one.
            if (settings.adminPassword().isEmpty()) {
                deleteUnusedPasswordFile();
            }
            LOG.info("Another node on the same database made the first admin at the same moment");
            return;
        }
        LOG.info(() -> settings.adminPassword().isPresent()
                ? "Created the user 'admin' with the password of FIELDCAST_ADMIN_PASSWORD"
                : "Created the user 'admin'; its password is in " + settings.dataDir().resolve(FILE)
                        + " (readable by this user only): log in, then change it or make your own admin and remove 'admin'");
    }

    private void deleteUnusedPasswordFile() {
        try {
            Files.deleteIfExists(settings.dataDir().resolve(FILE));
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove the unused " + settings.dataDir().resolve(FILE) + ": " + e.getMessage());
        }
    }

    /** The password of an earlier first start that did not get as far as the database, or a new one. */
    private String passwordFile() {
        Path file = settings.dataDir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String password = Secrets.random(18);
            OwnerOnlyFiles.write(file, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initial admin's password to " + file, e);
        }
    }
}
