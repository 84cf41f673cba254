package org.fieldcast.hls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What Apple's players and the LL-HLS profile ask of our playlists beyond what hls-parser's strict
 * mode checks, one rule a row with where it is written: "RFC" is draft-pantos-hls-rfc8216bis (section
 * numbers as of draft 22, whose 4.4.4.9 makes the 85 % floor a MUST), "Apple" the HLS authoring
 * specification for Apple devices (item numbers of its general requirements).
 *
 * <p>Known and not checked here, because Fieldcast does not meet them yet: Apple 9.9 (several bit
 * rates: we pass one camera stream through), 9.14 AVERAGE-BANDWIDTH and 9.15 FRAME-RATE, 10.1 gzip for
 * playlists, RFC Appendix B.1 delivery over HTTP/2; and Apple 8.11 (at least six segments) holds only
 * once the window has filled, so it is checked separately ({@link #FULL_WINDOW}).
 */
final class LowLatencyRules {

    /**
     * @param source      where the rule is written
     * @param requirement the rule in short
     * @param violation   what breaks it in the given playlist, or null
     */
    record Rule(String source, String requirement, Function<PlaylistText, String> violation) {
    }

    static final List<Rule> MEDIA = List.of(
            new Rule("RFC 4.4.3.8 (SHOULD); Apple 14.3 (MUST)", "PART-HOLD-BACK at least three Part Target Durations",
                    p -> number(p.serverControl().get("PART-HOLD-BACK")) >= 3 * p.partTarget() - 1e-9 ? null
                            : "PART-HOLD-BACK=" + p.serverControl().get("PART-HOLD-BACK") + " for PART-TARGET=" + p.partTarget()),
            new Rule("RFC Appendix B.1, 4.4.3.8; Apple 14.1", "CAN-BLOCK-RELOAD=YES",
                    p -> "YES".equals(p.serverControl().get("CAN-BLOCK-RELOAD")) ? null : "no CAN-BLOCK-RELOAD=YES"),
            new Rule("RFC Appendix B.1, 4.4.5.3, 6.2.6", "a live playlist with parts names the next part in one EXT-X-PRELOAD-HINT",
                    p -> p.endList() || p.allParts().isEmpty()
                            || p.preloadHintTypes().stream().filter("PART"::equals).count() == 1 ? null
                            : "preload hints: " + p.preloadHintTypes()),
            new Rule("RFC 4.4.4.9 (INDEPENDENT SHOULD be present); Apple 7.4", "a segment's first part, which starts with its IDR, says INDEPENDENT=YES",
                    LowLatencyRules::firstPartsIndependent),
            new Rule("RFC 4.4.4.9", "every part at most PART-TARGET; every part but a segment's last at least 85 % of it",
                    LowLatencyRules::partDurations),
            new Rule("RFC 4.4.3.1", "TARGETDURATION at least every EXTINF rounded to the nearest integer",
                    p -> p.segments().stream().filter(s -> Math.round(s.duration()) > p.targetDuration())
                            .map(s -> s.uri() + " EXTINF " + s.duration() + " > TARGETDURATION " + p.targetDuration()).findFirst().orElse(null)),
            new Rule("Apple 7.7", "no segment exceeds TARGETDURATION by more than 0.5 s",
                    p -> p.segments().stream().filter(s -> s.duration() > p.targetDuration() + 0.5)
                            .map(s -> s.uri() + " EXTINF " + s.duration()).findFirst().orElse(null)),
            new Rule("Apple 8.4; RFC Appendix B.1", "EXT-X-PROGRAM-DATE-TIME present",
                    p -> p.segments().stream().anyMatch(s -> s.programDateTime() != null) ? null : "no EXT-X-PROGRAM-DATE-TIME"),
            new Rule("RFC 6.2.1 (SHOULD; MUST NOT be ambiguous); Apple 8.1", "a date on every discontinuity; dates follow the EXTINF durations within a frame",
                    LowLatencyRules::programDateTimes),
            new Rule("RFC 8", "EXT-X-VERSION: 6 with EXT-X-MAP, 9 with EXT-X-SKIP, 3 with decimal EXTINF",
                    LowLatencyRules::version),
            new Rule("RFC 4.4.3.8", "CAN-SKIP-UNTIL at least six Target Durations",
                    p -> !p.serverControl().containsKey("CAN-SKIP-UNTIL")
                            || number(p.serverControl().get("CAN-SKIP-UNTIL")) >= 6 * p.targetDuration() ? null
                            : "CAN-SKIP-UNTIL=" + p.serverControl().get("CAN-SKIP-UNTIL")),
            new Rule("Apple 8.20", "EXT-X-MAP present (fMP4)", p -> p.maps() > 0 ? null : "no EXT-X-MAP"),
            new Rule("Apple 8.17", "EXT-X-DISCONTINUITY-SEQUENCE present (a restart of the camera's pull adds a discontinuity)",
                    p -> p.discontinuitySequence() ? null : "no EXT-X-DISCONTINUITY-SEQUENCE"));

    /** Apple 8.11: "You MUST provide at least six segments in a live (linear) playlist." */
    static final Rule FULL_WINDOW = new Rule("Apple 8.11", "at least six segments, skipped ones included",
            p -> p.skipped() + p.segments().size() >= 6 ? null : (p.skipped() + p.segments().size()) + " segments");

    static final List<Rule> MULTIVARIANT = List.of(
            new Rule("Apple 9.1", "EXT-X-STREAM-INF has CODECS",
                    p -> p.variants().stream().allMatch(v -> v.containsKey("CODECS")) ? null : "a variant without CODECS"),
            new Rule("Apple 9.2", "EXT-X-STREAM-INF has RESOLUTION when it has video",
                    p -> p.variants().stream().allMatch(v -> !hasVideo(v) || v.getOrDefault("RESOLUTION", "").matches("\\d+x\\d+"))
                            ? null : "a video variant without RESOLUTION"),
            new Rule("RFC 4.4.6.2", "EXT-X-STREAM-INF has a positive BANDWIDTH",
                    p -> p.variants().stream().allMatch(v -> v.getOrDefault("BANDWIDTH", "").matches("[1-9]\\d*")) && !p.variants().isEmpty()
                            ? null : "variants: " + p.variants()));

    private LowLatencyRules() {
    }

    /** Every rule of the playlist's kind that it breaks, as "source: requirement: what". */
    static List<String> violations(String playlist, List<Rule> extra) {
        PlaylistText p = PlaylistText.parse(playlist);
        List<Rule> rules = new ArrayList<>(p.multivariant() ? MULTIVARIANT : MEDIA);
        if (!p.multivariant()) {
            rules.addAll(extra);
        }
        return rules.stream()
                .map(r -> {
                    String v = r.violation().apply(p);
                    return v == null ? null : r.source() + ": " + r.requirement() + ": " + v;
                })
                .filter(Objects::nonNull)
                .toList();
    }

    private static String firstPartsIndependent(PlaylistText p) {
        for (PlaylistText.SegmentLine s : p.segments()) {
            if (!s.parts().isEmpty() && !s.parts().get(0).independent()) {
                return s.uri() + ": first part " + s.parts().get(0).uri() + " without INDEPENDENT=YES";
            }
        }
        // the open segment's parts are listed from its first one on
        return !p.openParts().isEmpty() && !p.openParts().get(0).independent() ? "open segment: first part without INDEPENDENT=YES" : null;
    }

    private static String partDurations(PlaylistText p) {
        double target = p.partTarget();
        for (PlaylistText.SegmentLine s : p.segments()) {
            List<PlaylistText.PartLine> parts = s.parts();
            for (int i = 0; i < parts.size(); i++) {
                PlaylistText.PartLine part = parts.get(i);
                if (part.duration() > target + 1e-9) {
                    return part.uri() + " lasts " + part.duration() + " > PART-TARGET " + target;
                }
                if (i < parts.size() - 1 && part.duration() < 0.85 * target - 1e-9) {
                    return part.uri() + " lasts " + part.duration() + " < 85 % of PART-TARGET " + target;
                }
            }
        }
        for (PlaylistText.PartLine part : p.openParts()) { // not its segment's last: more parts or the hint follow
            if (part.duration() > target + 1e-9 || part.duration() < 0.85 * target - 1e-9) {
                return "open " + part.uri() + " lasts " + part.duration() + " for PART-TARGET " + target;
            }
        }
        return null;
    }

    private static String programDateTimes(PlaylistText p) {
        List<PlaylistText.SegmentLine> segments = p.segments();
        for (int i = 0; i < segments.size(); i++) {
            PlaylistText.SegmentLine s = segments.get(i);
            if (s.discontinuity() && s.programDateTime() == null) {
                return s.uri() + ": EXT-X-DISCONTINUITY without EXT-X-PROGRAM-DATE-TIME";
            }
            if (i > 0 && s.programDateTime() != null && segments.get(i - 1).programDateTime() != null) {
                PlaylistText.SegmentLine before = segments.get(i - 1);
                Duration gap = Duration.between(before.programDateTime(), s.programDateTime());
                double expected = before.duration();
                if (!s.discontinuity() && Math.abs(gap.toNanos() / 1e9 - expected) > 0.005) {
                    return s.uri() + " dated " + gap + " after " + before.uri() + ", which lasts " + expected + " s";
                }
                if (gap.isNegative()) {
                    return s.uri() + " dated before " + before.uri();
                }
            }
        }
        return null;
    }

    private static String version(PlaylistText p) {
        int needed = 1;
        if (p.segments().stream().anyMatch(s -> s.duration() != Math.rint(s.duration()))) {
            needed = 3;
        }
        if (p.maps() > 0) {
            needed = 6;
        }
        if (p.skipped() > 0) {
            needed = 9;
        }
        return p.version() >= needed ? null : "EXT-X-VERSION:" + p.version() + ", the tags need " + needed;
    }

    private static boolean hasVideo(Map<String, String> variant) {
        String codecs = variant.getOrDefault("CODECS", "");
        return codecs.contains("avc1") || codecs.contains("hvc1") || codecs.contains("hev1") || codecs.contains("av01");
    }

    private static double number(String value) {
        return value == null ? Double.NaN : Double.parseDouble(value);
    }
}
