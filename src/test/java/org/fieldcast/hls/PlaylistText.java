package org.fieldcast.hls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playlist as a player reads it, from its text alone: the tags the low-latency rules look at, the
 * segments with their parts, and the parts of the segment still being built. Written for the tests'
 * rule table, independently of how {@link MediaPlaylist} renders.
 */
record PlaylistText(boolean multivariant, int version, int targetDuration, double partTarget,
                    Map<String, String> serverControl, long mediaSequence, boolean discontinuitySequence,
                    int skipped, List<String> preloadHintTypes, int maps, boolean endList,
                    List<SegmentLine> segments, List<PartLine> openParts, List<Map<String, String>> variants) {
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

    /** One EXT-X-PART: its duration, URI and whether it says INDEPENDENT=YES. */
    record PartLine(double duration, String uri, boolean independent) {
    }

    /**
     * @param programDateTime its EXT-X-PROGRAM-DATE-TIME, or null
     * @param parts           the EXT-X-PART tags before it (empty once they left the playlist)
     */
    record SegmentLine(double duration, String uri, Instant programDateTime, boolean discontinuity, List<PartLine> parts) {
    }

    static PlaylistText parse(String text) {
        Builder b = new Builder();
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(b::line);
        return b.build();
    }

    /** An attribute list (RFC 8216bis 4.2), quotes kept off the values. */
    static Map<String, String> attributes(String list) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(list);
        while (m.find()) {
            String v = m.group(2);
            out.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return out;
    }

    /** Every part listed, complete segments' first, then the open segment's. */
    List<PartLine> allParts() {
        List<PartLine> all = new ArrayList<>();
        segments.forEach(s -> all.addAll(s.parts()));
        all.addAll(openParts);
        return all;
    }

    private static final class Builder {
        boolean multivariant;
        int version;
        int targetDuration = -1;
        double partTarget = Double.NaN;
        Map<String, String> serverControl = Map.of();
        long mediaSequence;
        boolean discontinuitySequence;
        int skipped;
        final List<String> hints = new ArrayList<>();
        int maps;
        boolean endList;
        final List<SegmentLine> segments = new ArrayList<>();
        final List<Map<String, String>> variants = new ArrayList<>();
        List<PartLine> parts = new ArrayList<>();
        Instant pdt;
        boolean discontinuity;
        Double extinf;
        Map<String, String> streamInf;

        void line(String l) {
            String value = l.contains(":") ? l.substring(l.indexOf(':') + 1) : "";
            if (l.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(value);
            } else if (l.startsWith("#EXT-X-TARGETDURATION:")) {
                targetDuration = Integer.parseInt(value);
            } else if (l.startsWith("#EXT-X-PART-INF:")) {
                partTarget = Double.parseDouble(attributes(value).get("PART-TARGET"));
            } else if (l.startsWith("#EXT-X-SERVER-CONTROL:")) {
                serverControl = attributes(value);
            } else if (l.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                mediaSequence = Long.parseLong(value);
            } else if (l.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                discontinuitySequence = true;
            } else if (l.startsWith("#EXT-X-SKIP:")) {
                skipped = Integer.parseInt(attributes(value).get("SKIPPED-SEGMENTS"));
            } else if (l.startsWith("#EXT-X-PRELOAD-HINT:")) {
                hints.add(attributes(value).get("TYPE"));
            } else if (l.startsWith("#EXT-X-MAP:")) {
                maps++;
            } else if (l.equals("#EXT-X-ENDLIST")) {
                endList = true;
            } else if (l.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = Instant.parse(value);
            } else if (l.startsWith("#EXT-X-PART:")) {
                Map<String, String> a = attributes(value);
                parts.add(new PartLine(Double.parseDouble(a.get("DURATION")), a.get("URI"), "YES".equals(a.get("INDEPENDENT"))));
            } else if (l.startsWith("#EXTINF:")) {
                extinf = Double.parseDouble(value.substring(0, value.indexOf(',')));
            } else if (l.startsWith("#EXT-X-STREAM-INF:")) {
                multivariant = true;
                streamInf = attributes(value);
            } else if (!l.startsWith("#")) {
                uri(l);
            }
        }

        void uri(String uri) {
            if (streamInf != null) {
                Map<String, String> v = new LinkedHashMap<>(streamInf);
                v.put("URI", uri);
                variants.add(v);
                streamInf = null;
            } else if (extinf != null) {
                segments.add(new SegmentLine(extinf, uri, pdt, discontinuity, List.copyOf(parts)));
                parts = new ArrayList<>();
                pdt = null;
                discontinuity = false;
                extinf = null;
            }
        }

        PlaylistText build() {
            return new PlaylistText(multivariant, version, targetDuration, partTarget, serverControl, mediaSequence,
                    discontinuitySequence, skipped, List.copyOf(hints), maps, endList, List.copyOf(segments),
                    List.copyOf(parts), List.copyOf(variants));
        }
    }
}
