package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.fieldcast.fmp4.Fmp4Fixture;

class RenderedPlaylistsTest {

    @Test
    void viewersOfTheSameTimelineShareOneRendering() {
        HlsSegmenter segmenter = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, Clock.systemUTC());
        Fmp4Fixture recorded = Fmp4Fixture.parse(64 * 1024);
        segmenter.onInit(recorded.inits.get(0));
        recorded.fragments.subList(0, 60).forEach(segmenter::onFragment);
        MediaPlaylist playlist = new MediaPlaylist(2);
        RenderedPlaylists rendered = new RenderedPlaylists(playlist);

        Timeline t = segmenter.timeline();
        String first = rendered.render(t, 0);
        assertSame(first, rendered.render(t, 0), "the same text, not rendered again");
        assertEquals(playlist.render(t, 0), first);
        assertNotSame(first, rendered.render(t, 1), "another form is another text");

        segmenter.onFragment(recorded.fragments.get(60));
        Timeline next = segmenter.timeline();
        assertEquals(playlist.render(next, 0), rendered.render(next, 0), "a new timeline is rendered anew");
    }
}
