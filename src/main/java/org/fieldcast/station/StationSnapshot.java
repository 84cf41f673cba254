package org.fieldcast.station;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the directory offers at one moment, immutable, so that it can be replaced as a whole:
 * the valid cameras sorted by site name, then camera name; all sites with the number of valid cameras
 * each, sorted by name; and the database rows that were left out, with why.
 */
final class StationSnapshot {

    static final String DATABASE_SOURCE = "database";

    private static final Comparator<CameraConfig> CAMERA_ORDER = Comparator
            .comparing(CameraConfig::siteName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(CameraConfig::siteId)
            .thenComparing(CameraConfig::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(CameraConfig::id);

    private static final Comparator<SiteSummary> SITE_ORDER = Comparator
            .comparing(SiteSummary::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(SiteSummary::id);

    // After the comparators: static fields initialise in order, and the constructor sorts.
    static final StationSnapshot EMPTY = new StationSnapshot(List.of(), List.of(), List.of());

    private final List<CameraConfig> cameras;
    private final Map<String, CameraConfig> camerasById;
    private final List<SiteSummary> sites;
    private final List<StationProblem> rowProblems;

    StationSnapshot(List<CameraConfig> cameras, List<SiteSummary> sites, List<StationProblem> rowProblems) {
        this.cameras = cameras.stream().sorted(CAMERA_ORDER).toList();
        this.sites = sites.stream().sorted(SITE_ORDER).toList();
        this.rowProblems = List.copyOf(rowProblems);
        Map<String, CameraConfig> byId = new LinkedHashMap<>();
        this.cameras.forEach(camera -> byId.put(camera.id(), camera));
        this.camerasById = Collections.unmodifiableMap(byId);
    }

    /** Reads every site and camera; rows that break a rule are left out and reported, one by one. */
    static StationSnapshot read(EntityManager em) {
        List<CameraConfig> cameras = new ArrayList<>();
        List<StationProblem> problems = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Gateway> gateways = new HashMap<>();
        em.createQuery("select g from Gateway g", Gateway.class).getResultStream().forEach(g -> gateways.put(g.id(), g));
        List<Camera> rows = em.createQuery("select c from Camera c join fetch c.site", Camera.class).getResultList();
        for (Camera row : rows) {
            List<String> rowProblems = row.problems(gateways);
            if (rowProblems.isEmpty()) {
                cameras.add(row.toConfig(gateways));
                counts.merge(row.site().id(), 1, Integer::sum);
            } else {
                String subject = "site '" + row.site().id() + "' camera " + CameraDefinition.quoted(row.id());
                rowProblems.forEach(message -> problems.add(new StationProblem(DATABASE_SOURCE, subject, message)));
            }
        }
        List<SiteSummary> sites = em.createQuery("select s from Site s", Site.class).getResultStream()
                .map(site -> site.summary(counts.getOrDefault(site.id(), 0)))
                .toList();
        return new StationSnapshot(cameras, sites, problems);
    }

    List<CameraConfig> cameras() {
        return cameras;
    }

    /** The cameras keyed by id, in directory order. */
    Map<String, CameraConfig> camerasById() {
        return camerasById;
    }

    List<SiteSummary> sites() {
        return sites;
    }

    List<StationProblem> rowProblems() {
        return rowProblems;
    }
}
