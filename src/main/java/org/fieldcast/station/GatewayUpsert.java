package org.fieldcast.station;

import jakarta.persistence.EntityManager;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a station file's gateways, parents before children, since a gateway row names its parent
 * by foreign key. A parent may come from anywhere in the file or already be in the database; a
 * gateway whose parent is neither, or whose parents loop, is skipped and reported.
 */
final class GatewayUpsert {

    private record Pending(Site site, GatewayDefinition definition) {
    }

    private final EntityManager em;
    private final String source;
    private final List<StationProblem> problems;

    GatewayUpsert(EntityManager em, String source, List<StationProblem> problems) {
        this.em = em;
        this.source = source;
        this.problems = problems;
    }

    /**
     * @param changed  told for each existing gateway whether it differed
     * @param inserted told for each new gateway
     */
    void run(List<StationFile.SiteEntry> entries, Map<String, Site> sites, Consumer<Boolean> changed, Runnable inserted) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        entries.forEach(entry -> entry.gateways().forEach(g -> pending.put(g.id(), new Pending(sites.get(entry.id()), g))));
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                Pending next = it.next();
                String parentId = next.definition().parentId();
                if (parentId != null && pending.containsKey(parentId)) {
                    continue; // its parent is written first
                }
                it.remove();
                progress = true;
                Gateway parent = parentId == null ? null : em.find(Gateway.class, parentId);
                if (parentId != null && parent == null) {
                    skip(next, "parent '" + parentId + "' is neither in the file nor in the database");
                } else {
                    write(next, parent, changed, inserted);
                }
            }
        }
        pending.values().forEach(p -> skip(p, "parent '" + p.definition().parentId() + "' leads back to this gateway"));
    }

    private void write(Pending next, Gateway parent, Consumer<Boolean> changed, Runnable inserted) {
        GatewayDefinition d = next.definition();
        Gateway gateway = em.find(Gateway.class, d.id());
        if (gateway == null) {
            gateway = new Gateway(d.id(), next.site(), d.name(), d.publicHost(), parent);
            gateway.replaceForwards(d.forwards());
            em.persist(gateway);
            inserted.run();
        } else {
            changed.accept(gateway.update(next.site(), d.name(), d.publicHost(), parent, d.forwards()));
        }
        // Later entries look their parent up by id: make this one visible to the queries of this transaction.
        em.flush();
    }

    private void skip(Pending p, String why) {
        problems.add(new StationProblem(source, "site '" + p.site().id() + "' gateway '" + p.definition().id() + "'",
                why + "; gateway skipped"));
    }
}
