package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;

class LatestGopTest {
    static final InitSegment INIT = new InitSegment(new byte[] {0}, List.of(
            new TrackInfo(1, "vide", 90000, "avc1.42c01f", 1280, 720, 3600, 0),
            new TrackInfo(2, "soun", 48000, "mp4a.40.2", 0, 0, 1024, 0)));

    private final LatestGop gop = new LatestGop();

    @Test
    void keepsTheVideoSinceTheLastKeyframe() {
        gop.onInit(INIT);
        gop.onFragment(video(0, true), 0);
        gop.onFragment(video(1, false), 1);
        gop.onFragment(new Fragment(new byte[] {9}, 2, 0, 1024, true, 1), 2); // audio is not kept
        gop.onFragment(video(2, true), 3);
        gop.onFragment(video(3, false), 4);

        assertEquals(List.of(2L, 3L), gop.recent(4, 1000).stream().map(Fragment::decodeTime).toList());
    }

    @Test
    void nothingBeforeTheFirstKeyframeNorAfterItGrewStale() {
        gop.onInit(INIT);
        gop.onFragment(video(0, false), 0);
        assertEquals(List.of(), gop.recent(0, 1000));

        gop.onFragment(video(1, true), 10);
        assertEquals(1, gop.recent(1010, 1000).size());
        assertEquals(List.of(), gop.recent(1011, 1000), "the pull stopped: that picture is old");
    }

    @Test
    void aNewRunStartsEmptyAndAnOverlongGopIsDropped() {
        gop.onInit(INIT);
        gop.onFragment(video(0, true), 0);
        gop.onInit(INIT);
        assertEquals(List.of(), gop.recent(0, 1000));

        gop.onFragment(video(0, true), 0);
        for (int i = 1; i <= LatestGop.MAX_FRAGMENTS; i++) {
            gop.onFragment(video(i, false), 0);
        }
        assertEquals(List.of(), gop.recent(0, 1000));
    }

    static Fragment video(long time, boolean key) {
        return new Fragment(new byte[] {(byte) time}, 1, time, 1, key, 1);
    }
}
