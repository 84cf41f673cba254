package org.fieldcast.access;

import java.util.List;
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

    /** This role's group and those of every role it includes, for the container ({@code isUserInRole}). */
    public List<String> groups() {
        return java.util.Arrays.stream(values()).filter(this::includes).map(Role::id).toList();
    }

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
