package org.fieldcast.station;

import java.util.List;

/**
 * What one import of a station file did. The counts are of entries, sites and cameras together:
 * a second import of the same file reports every entry as unchanged.
 *
 * @param imported  entries that were new and inserted
 * @param updated   entries that existed and differed, now updated
 * @param unchanged entries that existed and matched the file
 * @param problems  entries that were skipped or fields that were ignored, and why
 */
public record StationImport(int imported, int updated, int unchanged, List<StationProblem> problems) {

    public StationImport {
        problems = List.copyOf(problems);
    }

    static StationImport failed(List<StationProblem> problems) {
        return new StationImport(0, 0, 0, problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** A one-line summary for the log. */
    public String summary() {
        return imported + " new, " + updated + " updated, " + unchanged + " unchanged, "
                + problems.size() + (problems.size() == 1 ? " problem" : " problems");
    }
}
