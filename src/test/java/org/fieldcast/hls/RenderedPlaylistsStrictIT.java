package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Playlists rendered from segmenter timelines, parsed by a strict parser we did not write (hls-parser
 * in strict mode, through Node.js; see {@link StrictHlsParser}). Unit-level in what it covers (no
 * server), but an integration test in how it runs: it needs Node.js and the npm package, which the
 * integration phase provides.
 */
class RenderedPlaylistsStrictIT {
    static StrictHlsParser parser;

    @BeforeAll
    static void install() {
        parser = StrictHlsParser.install("rendered");
    }

    @Test
    void jitteryCamerasPlaylistsPassStrictParsing() {
        Map<String, String> playlists = new LinkedHashMap<>();
        JitteryFrameTimingTest.cameras().forEach(c -> playlists.putAll(LowLatencyRulesTest.renderedAlongTheWay(c)));
        assertAccepted(playlists);
    }

    @Test
    void theRecordingsPlaylistsAndARestartPassStrictParsing() {
        Map<String, String> playlists = new LinkedHashMap<>();
        Timeline recorded = MediaPlaylistTest.recordedTimeline();
        playlists.put("recording, full", LowLatencyRulesTest.PLAYLIST.render(recorded, 0));
        playlists.put("recording, multivariant", MultivariantPlaylist.render(recorded.currentInit(),
                MultivariantPlaylist.peakBandwidth(recorded)));

        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 10, HlsSegmenterTest.CLOCK);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 25 * 8 + 7, 25);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 25 * 3 + 12, 25); // ffmpeg restarted: a discontinuity
        Timeline t = s.timeline();
        playlists.put("restart, full", LowLatencyRulesTest.PLAYLIST.render(t, 0));
        playlists.put("restart, delta", LowLatencyRulesTest.PLAYLIST.render(t, MediaPlaylist.skippable(t)));
        assertTrue(MediaPlaylist.skippable(t) > 0);
        assertAccepted(playlists);
    }

    /** The parser must also say no, or its silence means nothing. */
    @Test
    void theParserRefusesAPartUnder85PercentOfPartTarget() {
        String good = LowLatencyRulesTest.PLAYLIST.render(MediaPlaylistTest.recordedTimeline(), 0);
        String shortPart = good.replaceFirst("#EXT-X-PART:DURATION=0\\.2,", "#EXT-X-PART:DURATION=0.16,");
        Map<String, String> verdicts = parser.rejections(Map.of("a short part", shortPart));
        assertTrue(String.valueOf(verdicts.get("a short part")).contains("85%"), String.valueOf(verdicts));
    }

    static void assertAccepted(Map<String, String> playlists) {
        Map<String, String> verdicts = parser.rejections(playlists);
        List<String> refused = verdicts.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
        assertEquals(List.of(), refused, refused.size() + " of " + playlists.size() + " playlists refused");
    }
}
