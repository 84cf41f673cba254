package org.fieldcast.mjpeg;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured JPEG profiles: a small, fixed set, so viewers can never make the server run a
 * transcoder per whim (each costs a process and a tenth of a core). {@code default} is required;
 * it is what a request without a profile gets.
 */
public final class JpegProfiles {
    public static final String DEFAULT = "default";
    /** More profiles than this is a configuration mistake, not a need. */
    public static final int MAX = 8;

    private final Map<String, JpegProfile> byName;

    private JpegProfiles(Map<String, JpegProfile> byName) {
        this.byName = byName;
    }

    /** Parses {@code default=1280x720@25:q5,small=640x360@10:q8}. */
    public static JpegProfiles parse(String list) {
        Map<String, JpegProfile> byName = new LinkedHashMap<>();
        Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(JpegProfile::parse).forEach(p -> {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("profile " + p.name() + " is listed twice");
            }
        });
        if (!byName.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("a profile named '" + DEFAULT + "' is required: " + list);
        }
        if (byName.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " profiles: " + byName.size() + " given");
        }
        return new JpegProfiles(Map.copyOf(byName));
    }

    /**
     * @param name a profile name from a request, or null / empty for the default
     * @throws UnknownProfileException when no such profile is configured
     */
    public JpegProfile resolve(String name) {
        String wanted = name == null || name.isEmpty() ? DEFAULT : name;
        JpegProfile profile = byName.get(wanted);
        if (profile == null) {
            throw new UnknownProfileException(wanted, byName.keySet());
        }
        return profile;
    }

    public Collection<JpegProfile> all() {
        return byName.values();
    }
}
