package org.fieldcast.mjpeg;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JPEG viewer asks for: a picture that fits in {@code width x height} (never enlarged), at
 * most {@code fps} frames a second, encoded at ffmpeg's JPEG quality {@code quality} (2 best, 31 worst).
 * Written as {@code name=WIDTHxHEIGHT@FPS:qQUALITY}, e.g. {@code default=1280x720@25:q5}.
 */
public record JpegProfile(String name, int width, int height, int fps, int quality) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SPEC = Pattern.compile("(\\d{2,4})x(\\d{2,4})@(\\d{1,2}):q(\\d{1,2})");

    public JpegProfile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name must be 1-32 of a-z, 0-9 and '-': " + name);
        }
        if (width < 16 || height < 16 || width > 3840 || height > 2160 || width % 2 != 0 || height % 2 != 0) {
            // 4:2:0 JPEG wants even sizes; beyond 4K nothing a field camera sends
            throw new IllegalArgumentException("profile " + name + ": size must be even, 16x16 to 3840x2160: " + width + "x" + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("profile " + name + ": fps must be 1 to 60: " + fps);
        }
        if (quality < 2 || quality > 31) {
            throw new IllegalArgumentException("profile " + name + ": quality must be q2 (best) to q31: " + quality);
        }
    }

    /** Parses {@code name=WIDTHxHEIGHT@FPS:qQUALITY}. */
    public static JpegProfile parse(String entry) {
        String[] nameAndSpec = entry.trim().split("=", 2);
        if (nameAndSpec.length != 2) {
            throw new IllegalArgumentException("profile must read name=WIDTHxHEIGHT@FPS:qQUALITY: '" + entry.trim() + "'");
        }
        Matcher m = SPEC.matcher(nameAndSpec[1].trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("profile " + nameAndSpec[0].trim()
                    + " must read WIDTHxHEIGHT@FPS:qQUALITY, e.g. 1280x720@25:q5: '" + nameAndSpec[1].trim() + "'");
        }
        return new JpegProfile(nameAndSpec[0].trim(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    }

    @Override
    public String toString() {
        return name + "=" + width + "x" + height + "@" + fps + ":q" + quality;
    }
}
