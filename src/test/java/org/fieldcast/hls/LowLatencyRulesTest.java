package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.fieldcast.hls.JitteryFrameTimingTest.Camera;

/**
 * Our rendered playlists against the table of Apple's and the RFC's low-latency rules that hls-parser
 * does not check ({@link LowLatencyRules}); {@code RenderedPlaylistsStrictIT} runs hls-parser itself
 * over the same playlists.
 */
class LowLatencyRulesTest {
    /** Fieldcast's default: PART-HOLD-BACK of three part targets. */
    static final MediaPlaylist PLAYLIST = new MediaPlaylist(3);

    /**
     * The playlists a player of this camera may get while the window fills and slides: after every
     * seventh frame once playable, the full playlist and (when anything may be skipped) the delta
     * update; and the multivariant playlist at the end. Labelled by camera and moment.
     */
    static Map<String, String> renderedAlongTheWay(Camera c) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] frame = {0};
        HlsSegmenter s = JitteryFrameTimingTest.fed(c, 12, seg -> {
            Timeline t = seg.timeline();
            if (t.playable() && frame[0]++ % 7 == 0) {
                out.put(c + ", full, frame " + frame[0], PLAYLIST.render(t, 0));
                int skip = MediaPlaylist.skippable(t);
                if (skip > 0) {
                    out.put(c + ", delta, frame " + frame[0], PLAYLIST.render(t, skip));
                }
            }
        });
        Timeline t = s.timeline();
        out.put(c + ", multivariant", MultivariantPlaylist.render(t.currentInit(), MultivariantPlaylist.peakBandwidth(t)));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.fieldcast.hls.JitteryFrameTimingTest#cameras")
    void jitteryCamerasPlaylistsKeepEveryRule(Camera c) {
        List<String> broken = new ArrayList<>();
        renderedAlongTheWay(c).forEach((label, text) -> {
            boolean fullWindow = PlaylistText.parse(text).skipped() + PlaylistText.parse(text).segments().size() >= 7;
            LowLatencyRules.violations(text, fullWindow ? List.of(LowLatencyRules.FULL_WINDOW) : List.of())
                    .forEach(v -> broken.add(label + ": " + v));
        });
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    void aRestartsDiscontinuityIsDatedAndMapped() {
        Instant[] now = {HlsSegmenterTest.CLOCK.instant()};
        Clock wall = new Clock() { // moves on as the camera streams, as the wall clock does
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, wall);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 100, 25);
        now[0] = now[0].plusMillis(4500); // four seconds of frames, then half a second to restart ffmpeg
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 100, 25);
        String text = PLAYLIST.render(s.timeline(), 0);
        assertTrue(text.contains("#EXT-X-DISCONTINUITY\n"), text);
        assertEquals(List.of(), LowLatencyRules.violations(text, List.of(LowLatencyRules.FULL_WINDOW)));
    }

    /** The table is only worth something if it says no: each rule against a playlist made to break it. */
    @Test
    void theRulesCatchWhatTheyDescribe() {
        Timeline t = JitteryFrameTimingTest.fed(JitteryFrameTimingTest.cameras().findFirst().orElseThrow()).timeline();
        String good = PLAYLIST.render(t, 0);
        assertEquals(List.of(), LowLatencyRules.violations(good, List.of(LowLatencyRules.FULL_WINDOW)));

        assertBreaks("Apple 14.3 (MUST): PART-HOLD-BACK", new MediaPlaylist(2).render(t, 0));
        assertBreaks("Apple 14.1: CAN-BLOCK-RELOAD", good.replace("CAN-BLOCK-RELOAD=YES,", ""));
        assertBreaks("6.2.6: a live playlist with parts", good.replaceAll("#EXT-X-PRELOAD-HINT:.*\n", ""));
        assertBreaks("Apple 7.4: a segment's first part", good.replace(",INDEPENDENT=YES", ""));
        assertBreaks("RFC 4.4.4.9: every part", good.replaceFirst("PART-TARGET=0\\.\\d+", "PART-TARGET=0.3"));
        assertBreaks("RFC 4.4.4.9: every part", good.replaceFirst("PART-TARGET=0\\.\\d+", "PART-TARGET=0.19"));
        assertBreaks("RFC 4.4.3.1: TARGETDURATION", good.replace("#EXT-X-TARGETDURATION:1", "#EXT-X-TARGETDURATION:0"));
        assertBreaks("EXT-X-PROGRAM-DATE-TIME present", good.replaceAll("#EXT-X-PROGRAM-DATE-TIME:.*\n", ""));
        assertBreaks("Apple 8.1: a date on every discontinuity", secondDateLater(good));
        assertBreaks("RFC 8: EXT-X-VERSION", good.replace("#EXT-X-VERSION:7", "#EXT-X-VERSION:5"));
        assertBreaks("Apple 8.20: EXT-X-MAP", good.replaceAll("#EXT-X-MAP:.*\n", ""));
        assertBreaks("Apple 8.17: EXT-X-DISCONTINUITY-SEQUENCE", good.replaceAll("#EXT-X-DISCONTINUITY-SEQUENCE:.*\n", ""));
        assertBreaks("Apple 8.11: at least six segments", PLAYLIST.render(MediaPlaylistTest.recordedTimeline(), 0));

        String multivariant = MultivariantPlaylist.render(t.currentInit(), 1_000_000);
        assertEquals(List.of(), LowLatencyRules.violations(multivariant, List.of()));
        assertBreaks("Apple 9.1: EXT-X-STREAM-INF has CODECS", multivariant.replaceAll(",CODECS=\"[^\"]*\"", ""));
        assertBreaks("Apple 9.2: EXT-X-STREAM-INF has RESOLUTION", multivariant.replaceAll(",RESOLUTION=\\d+x\\d+", ""));
    }

    /** The playlist with its second segment dated half a second late. */
    private static String secondDateLater(String playlist) {
        List<String> lines = new ArrayList<>(playlist.lines().toList());
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#EXT-X-PROGRAM-DATE-TIME:") && ++seen == 2) {
                Instant at = Instant.parse(lines.get(i).substring(25));
                lines.set(i, "#EXT-X-PROGRAM-DATE-TIME:" + at.plusMillis(500));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static void assertBreaks(String rule, String playlist) {
        List<String> v = LowLatencyRules.violations(playlist, List.of(LowLatencyRules.FULL_WINDOW));
        assertTrue(v.stream().anyMatch(s -> s.contains(rule)), "'" + rule + "' not caught in:\n" + playlist + "\nfound: " + v);
    }
}
