package org.fieldcast.access;

import java.util.Set;
import java.util.Locale;

/** What a caller may do, each role including the ones before it. */
public enum Role {
    /** Live video, snapshots, health. */
    VIEWER,
    /** Viewer, and PTZ, presets, alarms. */
    OPERATOR,
    /** Operator, and users, tokens, embed grants, secrets, station problems, metrics, OpenAPI, audit. */
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The name in the database, the API and the container's groups. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * This role's group and those of every role it includes, for the container ({@code isUserInRole}).
     * Made once: every request's caller is announced to the container with them.
     */
    public Set<String> groups() {
        return GROUPS.get(this);
    }

    private static final java.util.Map<Role, Set<String>> GROUPS = java.util.Arrays.stream(values()).collect(
            java.util.stream.Collectors.toUnmodifiableMap(r -> r,
                    r -> java.util.Arrays.stream(values()).filter(r::includes).map(Role::id).collect(java.util.stream.Collectors.toUnmodifiableSet())));

    /** Parses {@code viewer}, {@code operator} or {@code admin}. */
    public static Role parse(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be viewer, operator or admin, not '" + id + "'");
    }
}
