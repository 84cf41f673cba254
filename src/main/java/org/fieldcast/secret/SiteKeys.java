package org.fieldcast.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.Site;
import org.fieldcast.station.SiteKey;
import org.fieldcast.station.StationDatabase;
/**
 * The sites' data keys: created when a site's first password is encrypted, stored wrapped by the
 * current master key ({@code site_key}), unwrapped on use and kept unwrapped in memory only briefly.
 * The last wrapped key read for each site is remembered, so that cameras whose keys were read once
 * can still be restarted while the database is down.
 */
@ApplicationScoped
public class SiteKeys {

    private static final Logger LOG = Logger.getLogger(SiteKeys.class.getName());

    /** How long an unwrapped site key and a decrypted password stay in memory. Default: {@code PT30S}. */
    @Inject
    @ConfigProperty(name = "fieldcast.secret.cache-time", defaultValue = "PT30S")
    Duration cacheTime;

    @Inject
    StationDatabase database;

    @Inject
    MasterKeys masterKeys;

    private final Map<String, SiteKeyRow> lastRead = new ConcurrentHashMap<>();
    private ExpiringCache<String, byte[]> unwrapped;

    /** What is known of one stored site key, without the key itself. */
    private record SiteKeyRow(String masterKeyId, String wrappedKey) {
    }

    /** How many site keys each master key wraps; {@code unknown} lists those whose master key is not configured. */
    public record Status(String currentMasterKey, Map<String, Integer> siteKeysByMasterKey, List<String> unknownMasterKeys) {
    }

    protected SiteKeys() {
        // for CDI
    }

    /** Site keys outside the container (the command line, tests). */
    public SiteKeys(StationDatabase database, MasterKeys masterKeys, Duration cacheTime, Clock clock) {
        this.database = database;
        this.masterKeys = masterKeys;
        this.cacheTime = cacheTime;
        this.unwrapped = new ExpiringCache<>(cacheTime, clock);
    }

    @jakarta.annotation.PostConstruct
    void init() {
        unwrapped = new ExpiringCache<>(cacheTime, Clock.systemUTC());
    }

    /** The site's data key; a site without one gets one now (its first password is being encrypted). */
    byte[] createIfMissing(String siteId) {
        MasterKey current = masterKeys.ring().current();
        database.inTransaction(em -> {
            if (em.find(SiteKey.class, siteId) == null) {
                if (em.find(Site.class, siteId) == null) {
                    throw new SecretException("there is no site '" + siteId + "'");
                }
                em.persist(new SiteKey(siteId, current.id(), current.wrap(siteId, AesGcm.newKey())));
                LOG.info(() -> "Created the data key of site '" + siteId + "', wrapped by master key " + current.id());
            }
            return null;
        });
        return dataKey(siteId);
    }

    /** The site's data key, unwrapped; fails with a clear reason when the site has none or it does not unwrap. */
    byte[] dataKey(String siteId) {
        return unwrapped.get(siteId, this::unwrap).clone();
    }

    private byte[] unwrap(String siteId) {
        SiteKeyRow row = read(siteId);
        MasterKey master = masterKeys.ring().byId(row.masterKeyId()).orElseThrow(() -> new SecretException(
                "the key of site '" + siteId + "' is wrapped by master key '" + row.masterKeyId()
                        + "', which is not configured (configured: " + masterKeys.ring().ids() + ")"));
        return master.unwrap(siteId, row.wrappedKey());
    }

    private SiteKeyRow read(String siteId) {
        SiteKeyRow row;
        try {
            row = database.read(em -> {
                SiteKey key = em.find(SiteKey.class, siteId);
                return key == null ? null : new SiteKeyRow(key.masterKeyId(), key.wrappedKey());
            });
        } catch (RuntimeException databaseDown) {
            row = lastRead.get(siteId);
            if (row == null) {
                throw new SecretException("the key of site '" + siteId + "' cannot be read: the station database is unreachable",
                        databaseDown);
            }
            return row;
        }
        if (row == null) {
            lastRead.remove(siteId);
            throw new SecretException("site '" + siteId + "' has no key: encrypt its passwords with this server's"
                    + " master key (SecretsCommand encrypt, or POST /api/admin/secrets/encrypt)");
        }
        lastRead.put(siteId, row);
        return row;
    }

    /**
     * Wraps every site key that the current master key does not wrap yet with the current one: the
     * second step of a master-key rotation, after the new key was put in front of the old one.
     *
     * @return how many site keys were wrapped again
     */
    public int rewrap() {
        MasterKeyRing ring = masterKeys.ring();
        MasterKey current = ring.current();
        List<String> done = new ArrayList<>();
        database.inTransaction(em -> {
            for (SiteKey key : em.createQuery("select k from SiteKey k", SiteKey.class).getResultList()) {
                if (!key.masterKeyId().equals(current.id()) && ring.byId(key.masterKeyId()).isPresent()) {
                    byte[] dataKey = ring.byId(key.masterKeyId()).get().unwrap(key.siteId(), key.wrappedKey());
                    key.rewrap(current.id(), current.wrap(key.siteId(), dataKey));
                    Arrays.fill(dataKey, (byte) 0);
                    done.add(key.siteId());
                }
            }
            return null;
        });
        if (!done.isEmpty()) {
            LOG.info(() -> "Wrapped the keys of " + done.size() + " sites with master key " + current.id() + ": " + done);
        }
        return done.size();
    }

    public Status status() {
        MasterKeyRing ring = masterKeys.ring();
        Map<String, Integer> counts = new TreeMap<>();
        database.read(em -> em.createQuery("select k from SiteKey k", SiteKey.class).getResultList())
                .forEach(key -> counts.merge(key.masterKeyId(), 1, Integer::sum));
        List<String> unknown = counts.keySet().stream().filter(id -> ring.byId(id).isEmpty()).toList();
        return new Status(ring.isEmpty() ? null : ring.current().id(), counts, unknown);
    }

    /** How long unwrapped keys stay in memory. */
    public Duration cacheTime() {
        return cacheTime;
    }

    /** Forgets every unwrapped key at once (tests; after a rotation). */
    void forget() {
        unwrapped.clear();
    }
}
