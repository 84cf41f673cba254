package org.fieldcast.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Site and camera ids as one column: comma-separated, sorted; empty (or null) means every one. */
final class SiteList {
    private SiteList() {
    }

    static Set<String> parse(String column) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Site ids from a request: each 1 to 64 characters without a comma (the column's separator). */
    static Set<String> fromRequest(java.util.List<String> ids) {
        if (ids == null) {
            return Set.of();
        }
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > 64 || id.contains(",")) {
                throw new AccessException(400, "a site id has 1 to 64 characters and no comma");
            }
        }
        return ids.stream().map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    static String format(Collection<String> ids) {
        return ids == null || ids.isEmpty() ? null : String.join(",", new TreeSet<>(ids));
    }
}
