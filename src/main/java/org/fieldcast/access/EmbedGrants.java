package org.fieldcast.access;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.fieldcast.station.StationDatabase;
/**
 * Embed grants: signed, expiring, revocable permissions to play some cameras in another site's page.
 * The embed page exchanges its grant for a cookie ({@link #COOKIE}); every request of the embedded
 * player is checked here: the signature, the expiry, the revocations, and (by the caller's scope) the cameras.
 */
@ApplicationScoped
public class EmbedGrants {

    /** The embed cookie's name; {@code __Host-}: only ever set by this host, over HTTPS, for every path. */
    public static final String COOKIE = "__Host-fieldcast-embed";
    /** How often the revocations are re-read: a revoked grant's viewers stop within this (plus a playlist reload). */
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** {@code stream.StreamExecutors.TIMERS}, spelled out so that access imports no feature. */
    private static final String TIMERS = "java:app/concurrent/fieldcast-timers";

    @Inject
    EmbedSettings settings;

    @Inject
    StationDatabase database;

    @Resource(lookup = TIMERS)
    ManagedScheduledExecutorService timers;

    private GrantSeal seal;
    private RevokedGrants revoked;
    private Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> refreshing;

    /** A grant just made: its row and the signed token, which is shown once and never stored. */
    record Issued(EmbedGrant grant, String token) {
    }

    public EmbedGrants() {
        // for CDI
    }

    /** For tests: a key, a revocation list and a clock of their own, no database. */
    EmbedGrants(GrantSeal seal, RevokedGrants revoked, Clock clock) {
        this.seal = seal;
        this.revoked = revoked;
        this.clock = clock;
    }

    /** Creating the bean at start makes the key file at the first start, and checks the settings. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        revoked.contains("");
    }

    @PostConstruct
    void start() {
        seal = GrantSeal.fromKeyFile(settings.keyFile());
        revoked = new RevokedGrants(this::readRevoked);
        revoked.refresh();
        refreshing = timers.scheduleWithFixedDelay(revoked::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    /** The caller an embed cookie stands for, or empty when it is not (or no longer) valid. */
    public Optional<Caller> verify(String cookie) {
        return check(cookie).map(GrantClaims::caller);
    }

    /** The grant a token carries, if this server signed it, it has not expired and it was not revoked. */
    Optional<GrantClaims> check(String token) {
        Instant now = clock.instant();
        return seal.open(token).filter(g -> !g.expiredAt(now)).filter(g -> !revoked.contains(g.id()));
    }

    /** The CSRF token that requests carrying this embed cookie must echo. */
    public String csrfToken(String cookie) {
        return seal.csrfToken(cookie);
    }

    Issued create(EmbedRequest request, Caller by) {
        GrantClaims claims = new GrantClaims(UUID.randomUUID().toString(), request.cameras(), request.origins(),
                request.expiresAt(), request.viewOnly());
        String token = seal.seal(claims);
        if (token.length() > GrantSeal.MAX_TOKEN) {
            throw new AccessException(400, "these cameras and origins are too long for one grant: make several");
        }
        EmbedGrant row = new EmbedGrant(claims, by.getName(), clock.instant());
        database.inTransaction(em -> {
            em.persist(row);
            return null;
        });
        return new Issued(row, token);
    }

    List<EmbedGrant> list() {
        return database.read(em -> em.createQuery("select g from EmbedGrant g order by g.createdAt desc, g.id", EmbedGrant.class)
                .getResultList());
    }

    /** Revokes a grant; this node stops its viewers at once, the others within {@link #REFRESH}. */
    Optional<EmbedGrant> revoke(String id) {
        Instant now = clock.instant();
        Optional<EmbedGrant> revokedRow = database.inTransaction(em -> {
            EmbedGrant grant = em.find(EmbedGrant.class, id);
            if (grant != null) {
                grant.revoke(now);
            }
            return Optional.ofNullable(grant);
        });
        revokedRow.ifPresent(g -> revoked.add(g.id()));
        return revokedRow;
    }

    Instant now() {
        return clock.instant();
    }

    /** Revoked grants that have not expired: once expired, a grant fails by its own claims. */
    private Set<String> readRevoked() {
        return database.read(em -> new HashSet<>(em.createQuery(
                        "select g.id from EmbedGrant g where g.revokedAt is not null and g.expiresAt > :now", String.class)
                .setParameter("now", clock.instant().atOffset(ZoneOffset.UTC)).getResultList()));
    }
}
