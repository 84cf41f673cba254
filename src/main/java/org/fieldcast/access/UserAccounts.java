package org.fieldcast.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jakarta.persistence.EntityManager;
import org.fieldcast.station.DatabaseLock;
import org.fieldcast.station.StationDatabase;
/**
 * The operators' accounts: created, changed and removed by an admin, their passwords hashed with the
 * container's PBKDF2. A logged-in session asks {@link #current} on its requests, so a disabled account
 * or a changed role takes effect within {@link #REFRESH} without ending anyone's session by hand.
 */
@ApplicationScoped
public class UserAccounts {

    /** How old an account's state may be when a session's request is checked against it. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** NIST SP 800-63B: at least 8 characters; long passphrases welcome. */
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    @Inject
    StationDatabase database;

    @Inject
    Pbkdf2PasswordHash hash;

    /** What a session needs to know of its account now. */
    public record State(Role role, Set<String> sites, boolean enabled, Instant passwordChangedAt) {
    }

    private record Cached(Optional<State> state, Instant read) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        // OWASP's 2023 figure for PBKDF2-HMAC-SHA512; the container's default is SHA-256 with 3072 rounds.
        hash.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    }

    /** The account's state, at most {@link #REFRESH} old; the last one read while the database is away. */
    public Optional<State> current(String username) {
        Instant now = Instant.now();
        Cached cached = cache.get(username);
        if (cached != null && cached.read().plus(REFRESH).isAfter(now)) {
            return cached.state();
        }
        try {
            Optional<State> state = database.read(em -> Optional.ofNullable(em.find(UserAccount.class, username))
                    .map(a -> new State(a.role(), a.sites(), a.enabled(),
                            a.passwordChangedAt() == null ? null : a.passwordChangedAt().toInstant())));
            cache.put(username, new Cached(state, now));
            return state;
        } catch (RuntimeException databaseAway) {
            // A database outage must not log every operator out: keep what was known.
            return cached == null ? Optional.empty() : cached.state();
        }
    }

    /** The account if the password is its password; the same work is done for an unknown name. */
    Optional<UserAccount> check(String username, char[] password) {
        Optional<UserAccount> account = database.read(em -> Optional.ofNullable(em.find(UserAccount.class, username)));
        String stored = account.map(UserAccount::passwordHash).orElse(null);
        if (stored == null) {
            // Spend the time of a real check, so the answer's delay does not tell which names exist.
            hash.verify(password, DUMMY.get(this));
            return Optional.empty();
        }
        return hash.verify(password, stored) && account.get().enabled() ? account : Optional.empty();
    }

    public List<UserAccount> list() {
        return database.read(em -> em.createQuery("select u from UserAccount u order by u.username", UserAccount.class)
                .getResultList());
    }

    public boolean exists(String username) {
        return database.read(em -> em.find(UserAccount.class, username) != null);
    }

    public boolean anyAdmin() {
        return database.read(UserAccounts::admins) > 0;
    }

    private static long admins(EntityManager em) {
        return em.createQuery("select count(u) from UserAccount u where u.role = 'admin'", Long.class).getSingleResult();
    }

    /** Creates or replaces an account; {@code password} null keeps the old one. */
    public UserAccount save(String username, char[] password, Role role, Set<String> sites, boolean enabled) {
        String newHash = password == null ? null : hash.generate(password);
        UserAccount saved = database.inTransaction(em -> write(em, username, newHash, role, sites, enabled));
        cache.remove(username);
        return saved;
    }

    /**
     * Makes {@code username} an admin with this password unless the database has an admin already;
     * true if it did. Nodes starting together on an empty database take turns (one lock for the
     * check and the write), so one of them makes the admin and the others find it.
     */
    public boolean createFirstAdmin(String username, char[] password) {
        String newHash = hash.generate(password);
        boolean created = database.inTransactionAlone(DatabaseLock.INITIAL_ADMIN, em -> {
            if (admins(em) > 0) {
                return false;
            }
            write(em, username, newHash, Role.ADMIN, Set.of(), true);
            return true;
        });
        cache.remove(username);
        return created;
    }

    private static UserAccount write(EntityManager em, String username, String newHash, Role role, Set<String> sites,
                                     boolean enabled) {
        UserAccount account = em.find(UserAccount.class, username);
        if (account == null) {
            account = new UserAccount(username, newHash, role, sites);
            account.change(role, sites, enabled);
            em.persist(account);
        } else {
            account.change(role, sites, enabled);
            if (newHash != null) {
                account.password(newHash);
            }
        }
        return account;
    }

    public boolean delete(String username) {
        boolean removed = database.inTransaction(em -> {
            UserAccount account = em.find(UserAccount.class, username);
            if (account != null) {
                em.remove(account);
            }
            return account != null;
        });
        cache.remove(username);
        return removed;
    }

    /**
     * As {@link #save}, refusing (409) to demote or disable the last enabled admin. One at a time, so
     * that two admins demoting each other cannot both succeed (on this server; a cluster would need a lock in the database).
     */
    public synchronized UserAccount saveKeepingAnAdmin(String username, char[] password, Role role, Set<String> sites,
                                                       boolean enabled) {
        refuseLosingTheLastAdmin(username, Optional.of(new LastAdmin.Account(username, role, enabled)));
        return save(username, password, role, sites, enabled);
    }

    /** As {@link #delete}, refusing (409) to delete the last enabled admin. */
    public synchronized boolean deleteKeepingAnAdmin(String username) {
        refuseLosingTheLastAdmin(username, Optional.empty());
        return delete(username);
    }

    /** A new password for an existing account, nothing else changed. */
    public void changePassword(String username, char[] password) {
        String newHash = hash.generate(password);
        database.inTransaction(em -> {
            UserAccount account = em.find(UserAccount.class, username);
            if (account == null) {
                throw new AccessException(404, "no user '" + username + "'");
            }
            account.password(newHash);
            return null;
        });
        cache.remove(username);
    }

    private void refuseLosingTheLastAdmin(String username, Optional<LastAdmin.Account> after) {
        List<LastAdmin.Account> all = list().stream().map(a -> new LastAdmin.Account(a.username(), a.role(), a.enabled())).toList();
        if (LastAdmin.wouldBeLost(all, username, after)) {
            throw new AccessException(409, "'" + username + "' is the last enabled admin: make another admin first");
        }
    }

    public static void checkName(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new AccessException(400, "a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
    }

    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new AccessException(400, "a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    /** A hash of nothing anyone knows, made once, for the time of a failed check. */
    private static final class DUMMY {
        private static volatile String value;

        static String get(UserAccounts accounts) {
            if (value == null) {
                value = accounts.hash.generate(java.util.UUID.randomUUID().toString().toCharArray());
            }
            return value;
        }
    }
}
