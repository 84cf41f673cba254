package org.fieldcast.access;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.StationDatabase;
/**
 * API tokens of machine clients, sent as {@code Authorization: Bearer}: made by an admin, the secret
 * shown once and kept only as its SHA-256 (256 random bits need no slow hash), revocable.
 */
@ApplicationScoped
public class ApiTokens {
    private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());
    static final String PREFIX = "fct_";
    /** 32 random bytes, base64url without padding. */
    private static final int SECRET_LENGTH = PREFIX.length() + 43;
    /** How long a valid token is believed without asking the database again. */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final int CACHE_MAX = 10_000;

    /**
     * A bearer token with the admin role from configuration, for provisioning before any account
     * exists (and scripts of the deployment). Default: none. Prefer tokens made with {@code POST /api/tokens}.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.admin.token")
    Optional<String> configured;

    @Inject
    StationDatabase database;

    @Resource
    ManagedExecutorService executor;

    private TokenCache cache;

    /** A new token and its secret, which is never shown again. */
    public record Created(ApiToken token, String secret) {
    }

    @PostConstruct
    void init() {
        cache = new TokenCache(Clock.systemUTC(), CACHE_TTL, CACHE_MAX, this::lookup, this::recordUse);
    }

    /** The caller a bearer secret stands for, or empty when it is no (longer a) valid token. */
    public Optional<Caller> verify(String secret) {
        String expected = configured.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (expected != null && Secrets.same(expected, secret)) {
            return Optional.of(Caller.account("configured-admin-token", Caller.Kind.TOKEN, Role.ADMIN, Set.of()));
        }
        if (secret == null || secret.length() != SECRET_LENGTH || !secret.startsWith(PREFIX)) {
            return Optional.empty(); // not one of ours: no query
        }
        return cache.verify(Secrets.sha256(secret));
    }

    public Created create(String name, Role role, Set<String> sites, String createdBy) {
        String secret = PREFIX + Secrets.random(32);
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), name, Secrets.sha256(secret), role, sites, createdBy,
                OffsetDateTime.now(ZoneOffset.UTC));
        database.inTransaction(em -> {
            em.persist(token);
            return null;
        });
        return new Created(token, secret);
    }

    /** Every token, newest first, revoked ones included. */
    public List<ApiToken> list() {
        return database.read(em -> em.createQuery("select t from ApiToken t order by t.createdAt desc, t.id", ApiToken.class)
                .getResultList());
    }

    /** Revokes a token (again: no change); empty for an unknown id. */
    public Optional<ApiToken> revoke(String id) {
        Optional<ApiToken> revoked = database.inTransaction(em -> {
            ApiToken token = em.find(ApiToken.class, id);
            if (token != null) {
                token.revoke(OffsetDateTime.now(ZoneOffset.UTC));
            }
            return Optional.ofNullable(token);
        });
        cache.forget(id);
        return revoked;
    }

    private Optional<Caller> lookup(String secretHash) {
        return database.read(em -> em.createQuery(
                        "select t from ApiToken t where t.secretHash = :hash and t.revokedAt is null", ApiToken.class)
                .setParameter("hash", secretHash).getResultStream().findFirst()
                .map(t -> new Caller(t.name(), Caller.Kind.TOKEN, t.role(), t.sites(), Set.of(), t.id())));
    }

    /** Off the request's thread: a slow database must not slow the client down for a statistic. */
    private void recordUse(String tokenId, Instant at) {
        try {
            executor.execute(() -> {
                try {
                    database.inTransaction(em -> em.createQuery("update ApiToken t set t.lastUsedAt = :at where t.id = :id")
                            .setParameter("at", at.atOffset(ZoneOffset.UTC)).setParameter("id", tokenId).executeUpdate());
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "last use of a token not recorded", e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the statistic can wait for the next use
        }
    }
}
