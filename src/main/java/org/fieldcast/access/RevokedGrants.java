package org.fieldcast.access;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ids of revoked grants that have not expired yet, as last read from the database. Checked on
 * every request of an embedded player, so it is a set in memory, re-read every few seconds (by
 * {@link EmbedGrants}' timer): a revocation on another node stops that node's viewers within the
 * interval, and a database that is away keeps the last set instead of stopping every valid grant.
 */
final class RevokedGrants {
    private static final Logger LOG = Logger.getLogger(RevokedGrants.class.getName());

    private final Supplier<Set<String>> source;
    private volatile Set<String> revoked = Set.of();
    private volatile boolean failing;

    /** @param source the revoked, unexpired ids in the database; may throw when it is away */
    RevokedGrants(Supplier<Set<String>> source) {
        this.source = source;
    }

    boolean contains(String id) {
        return revoked.contains(id);
    }

    /** A revocation made here counts at once, before the next read. */
    synchronized void add(String id) {
        Set<String> more = new HashSet<>(revoked);
        more.add(id);
        revoked = Set.copyOf(more);
    }

    /** Re-reads the set; on failure keeps the last one (and says so once, not every interval). */
    synchronized void refresh() {
        try {
            revoked = Set.copyOf(source.get());
            if (failing) {
                LOG.info("embed grant revocations are read from the database again");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "cannot read embed grant revocations, keeping the last known ones: " + e.getMessage());
            }
            failing = true;
        }
    }
}
