package org.fieldcast.hls;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Renders a camera's media playlist (RFC 8216bis) from a timeline: full segments for every player,
 * and the low-latency parts, server control and preload hint for LL-HLS players.
 */
public final class MediaPlaylist {
    /** RFC 8216bis 6.2.2: parts older than three target durations from the live edge may be left out. */
    static final int PART_WINDOW_TARGET_DURATIONS = 3;
    /** Complete segments that keep their parts, besides the one being built (see {@link #firstWithParts}). */
    static final int PART_WINDOW_SEGMENTS = 2;

    private final double partHoldBackParts;

    /**
     * @param partHoldBackParts PART-HOLD-BACK in parts. RFC 8216bis 4.4.3.8: "Its value MUST be at least
     *                          twice the Part Target Duration. Its value SHOULD be at least three times
     *                          the Part Target Duration"; Apple's HLS authoring specification 14.3 makes
     *                          three a MUST, so 2 is allowed here for players that are told otherwise.
     */
    public MediaPlaylist(double partHoldBackParts) {
        if (partHoldBackParts < 2) {
            throw new IllegalArgumentException("PART-HOLD-BACK must be at least twice the part target");
        }
        this.partHoldBackParts = partHoldBackParts;
    }

    /** @param skipped how many old segments to replace by EXT-X-SKIP (delta update); 0 for a full playlist */
    public String render(Timeline t, int skipped) {
        StringBuilder m = new StringBuilder(4096);
        m.append("#EXTM3U\n");
        m.append("#EXT-X-VERSION:").append(skipped > 0 ? 9 : 7).append('\n'); // 9: EXT-X-SKIP; 7: fMP4 with EXT-X-MAP
        m.append("#EXT-X-TARGETDURATION:").append(t.targetDuration()).append('\n');
        m.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=")
                .append(decimal(partHoldBackParts * t.partTarget()))
                .append(",CAN-SKIP-UNTIL=").append(decimal(skipUntil(t))).append('\n');
        m.append("#EXT-X-PART-INF:PART-TARGET=").append(decimal(t.partTarget())).append('\n');
        m.append("#EXT-X-MEDIA-SEQUENCE:").append(t.firstMsn()).append('\n');
        m.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(t.discontinuitySequence()).append('\n');
        List<Segment> segments = t.segments();
        if (skipped > 0) {
            m.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(skipped).append('\n');
        }
        int partsFrom = firstWithParts(t);
        int lastGeneration = -1; // even a delta update states the map before its first listed segment
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (i < skipped) {
                continue;
            }
            if (s.discontinuity()) {
                m.append("#EXT-X-DISCONTINUITY\n");
            }
            if (s.generation() != lastGeneration) {
                m.append("#EXT-X-MAP:URI=\"init-").append(s.generation()).append(".mp4\"\n");
                lastGeneration = s.generation();
            }
            m.append("#EXT-X-PROGRAM-DATE-TIME:").append(DateTimeFormatter.ISO_INSTANT.format(s.programDateTime())).append('\n');
            if (i >= partsFrom) {
                s.parts().forEach(p -> part(m, p));
            }
            m.append("#EXTINF:").append(decimal(s.duration())).append(",\n");
            m.append("seg-").append(s.msn()).append(".m4s\n");
        }
        if (t.generation() != lastGeneration) {
            m.append("#EXT-X-MAP:URI=\"init-").append(t.generation()).append(".mp4\"\n");
        }
        t.openParts().forEach(p -> part(m, p));
        m.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-").append(t.nextPartId()).append(".m4s\"\n");
        return m.toString();
    }

    /**
     * RFC 8216bis 4.4.3.8: CAN-SKIP-UNTIL must be at least six target durations; a delta update may
     * skip the segments older than that from the live edge.
     */
    static double skipUntil(Timeline t) {
        return 6.0 * t.targetDuration();
    }

    /** How many leading segments a delta update may skip. */
    public static int skippable(Timeline t) {
        double keep = skipUntil(t);
        double age = 0;
        List<Segment> segments = t.segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            age += segments.get(i).duration();
            if (age > keep) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The first complete segment whose parts are listed. RFC 8216bis 6.2.2: "EXT-X-PART tags SHOULD be
     * removed from the Playlist after they are greater than three Target Durations from the end of the
     * Playlist", the end being the live edge, the open segment's last part. Strict parsers (hls-parser)
     * read three Target Durations as the last three segments, counting the one being built, which is
     * what they are when segments last one Target Duration; so parts stay on at most the last two
     * complete segments as well. Players join PART-HOLD-BACK (well under a segment) from the edge.
     */
    static int firstWithParts(Timeline t) {
        List<Segment> segments = t.segments();
        double age = t.openParts().stream().mapToDouble(Part::duration).sum();
        int first = segments.size();
        for (int i = segments.size() - 1; i >= Math.max(0, segments.size() - PART_WINDOW_SEGMENTS); i--) {
            age += segments.get(i).duration();
            if (age > PART_WINDOW_TARGET_DURATIONS * t.targetDuration() + 1e-9) {
                break;
            }
            first = i;
        }
        return first;
    }

    private static void part(StringBuilder m, Part p) {
        m.append("#EXT-X-PART:DURATION=").append(decimal(p.duration()))
                .append(",URI=\"part-").append(p.id()).append(".m4s\"");
        if (p.independent()) {
            m.append(",INDEPENDENT=YES");
        }
        m.append('\n');
    }

    /** Seconds with up to five decimals and no trailing zeros, as players parse any decimal-floating-point. */
    static String decimal(double seconds) {
        BigDecimal d = BigDecimal.valueOf(seconds).setScale(5, RoundingMode.HALF_UP).stripTrailingZeros();
        return (d.scale() < 1 ? d.setScale(1) : d).toPlainString();
    }
}
