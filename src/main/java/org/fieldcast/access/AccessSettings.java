package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.DataFolder;

/** The access settings, validated at start. */
@ApplicationScoped
public class AccessSettings {

    /**
     * The role of a request that carries no credential: {@code none} (the default: everything but
     * the pages and the login needs a login), {@code viewer} or {@code operator}, for a closed
     * network where everyone who reaches the server may watch (or steer). Never admin.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.access.anonymous-role", defaultValue = "none")
    String anonymousRole;

    /** How long a login lasts at most, however active the session. Default 12 hours (a shift). */
    @Inject
    @ConfigProperty(name = "fieldcast.access.session-max-age", defaultValue = "PT12H")
    Duration sessionMaxAge;

    /** Failed logins per user name, and per client address, before the next attempts wait. Default 5. */
    @Inject
    @ConfigProperty(name = "fieldcast.access.login-failures", defaultValue = "5")
    int loginFailures;

    /** The first wait after too many failed logins, doubled for each further failure, at most 15 minutes. Default 30 s. */
    @Inject
    @ConfigProperty(name = "fieldcast.access.login-pause", defaultValue = "PT30S")
    Duration loginPause;

    /** The initial admin's password (only read while the database has no admin). Default: a random one in the data folder. */
    @Inject
    @ConfigProperty(name = "fieldcast.admin.password")
    Optional<String> adminPassword;

    @Inject
    DataFolder dataFolder;

    private Optional<Role> anonymous;

    @jakarta.annotation.PostConstruct
    void validate() {
        anonymous = anonymousRole(anonymousRole);
        if (sessionMaxAge.isNegative() || sessionMaxAge.isZero()) {
            throw new IllegalArgumentException("fieldcast.access.session-max-age must be positive, not " + sessionMaxAge);
        }
        if (loginFailures < 1 || loginPause.isNegative()) {
            throw new IllegalArgumentException("fieldcast.access.login-failures must be at least 1 and login-pause not negative");
        }
    }

    static Optional<Role> anonymousRole(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equals("none")) {
            return Optional.empty();
        }
        Role role = Role.parse(v);
        if (role == Role.ADMIN) {
            throw new IllegalArgumentException("fieldcast.access.anonymous-role may be none, viewer or operator, never admin");
        }
        return Optional.of(role);
    }

    public Optional<Role> anonymous() {
        return anonymous;
    }

    public Duration sessionMaxAge() {
        return sessionMaxAge;
    }

    public int loginFailures() {
        return loginFailures;
    }

    public Duration loginPause() {
        return loginPause;
    }

    public Optional<String> adminPassword() {
        return adminPassword.map(String::strip).filter(p -> !p.isEmpty());
    }

    public java.nio.file.Path dataDir() {
        return dataFolder.path();
    }
}
