package org.fieldcast.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an embed grant says, as it travels signed ({@link GrantSeal}): which cameras, which parent
 * origins may frame the player, until when, and whether the embed may steer (not view-only).
 * <p>
 * Written as five lines of text rather than JSON: the format is ours alone, and strict to read back.
 */
record GrantClaims(String id, Set<String> cameras, List<String> origins, Instant expiresAt, boolean viewOnly) {
    /** Camera ids and origins as the station and the perimeter allow them: no separators of this format. */
    private static final Pattern WORD = Pattern.compile("[^\\s,]+");

    GrantClaims {
        cameras = Set.copyOf(new TreeSet<>(cameras));
        origins = List.copyOf(origins);
        if (cameras.isEmpty() || !cameras.stream().allMatch(c -> WORD.matcher(c).matches())
                || !origins.stream().allMatch(o -> WORD.matcher(o).matches()) || !WORD.matcher(id).matches()) {
            throw new IllegalArgumentException("a grant names cameras and origins without spaces or commas");
        }
    }

    /** The caller its cookie stands for: a viewer, or an operator when the grant may steer. */
    Caller caller() {
        return new Caller("embed:" + id, Caller.Kind.EMBED, viewOnly ? Role.VIEWER : Role.OPERATOR, Set.of(), cameras, id);
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    byte[] encode() {
        return String.join("\n", id, String.join(",", new TreeSet<>(cameras)), String.join(" ", origins),
                Long.toString(expiresAt.getEpochSecond()), viewOnly ? "view" : "steer").getBytes(StandardCharsets.UTF_8);
    }

    static Optional<GrantClaims> decode(byte[] payload) {
        String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length != 5 || !(lines[4].equals("view") || lines[4].equals("steer"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GrantClaims(lines[0], Set.of(lines[1].split(",")),
                    lines[2].isEmpty() ? List.of() : List.of(lines[2].split(" ")),
                    Instant.ofEpochSecond(Long.parseLong(lines[3])), lines[4].equals("view")));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            return Optional.empty();
        }
    }
}
