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

    static String format(Collection<String> ids) {
        return ids == null || ids.isEmpty() ? null : String.join(",", new TreeSet<>(ids));
    }
}
