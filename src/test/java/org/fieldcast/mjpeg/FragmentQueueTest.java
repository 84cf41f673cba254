package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentQueueTest {

    @Test
    void initThenLeadInThenLiveThenEnd() throws InterruptedException {
        FragmentQueue q = new FragmentQueue(LatestGopTest.INIT, List.of(LatestGopTest.video(1, true), LatestGopTest.video(2, false)));
        assertTrue(q.offer(LatestGopTest.video(3, false)));
        q.end();

        assertArrayEquals(new byte[] {0}, q.take());
        assertArrayEquals(new byte[] {1}, q.take());
        assertArrayEquals(new byte[] {2}, q.take());
        assertArrayEquals(new byte[] {3}, q.take());
        assertSame(FragmentQueue.END, q.take());
        assertFalse(q.offer(LatestGopTest.video(4, true)), "nothing after the end");
    }

    @Test
    void withoutLeadInItWaitsForAKeyframe() {
        FragmentQueue q = new FragmentQueue(LatestGopTest.INIT, List.of());

        assertFalse(q.offer(LatestGopTest.video(1, false)));
        assertTrue(q.offer(LatestGopTest.video(2, true)));
        assertTrue(q.offer(LatestGopTest.video(3, false)));
    }

    @Test
    void whenFullItDropsUntilTheNextKeyframe() {
        FragmentQueue q = new FragmentQueue(LatestGopTest.INIT, List.of(LatestGopTest.video(0, true)));
        int accepted = 0;
        for (int i = 1; i <= FragmentQueue.LIVE_CAPACITY + 10; i++) {
            accepted += q.offer(LatestGopTest.video(i, false)) ? 1 : 0;
        }
        assertEquals(FragmentQueue.LIVE_CAPACITY, accepted, "bounded");
        int size = q.size();
        q.end();
        assertEquals(size + 1, q.size(), "the end always fits");
    }

    @Test
    void afterADropOnlyAKeyframeResumes() throws InterruptedException {
        FragmentQueue q = new FragmentQueue(LatestGopTest.INIT, List.of(LatestGopTest.video(0, true)));
        for (int i = 1; i <= FragmentQueue.LIVE_CAPACITY + 1; i++) {
            q.offer(LatestGopTest.video(i, false));
        }
        while (q.size() > 0) {
            q.take(); // the transcoder catches up
        }

        assertFalse(q.offer(LatestGopTest.video(500, false)), "its reference was dropped");
        assertTrue(q.offer(LatestGopTest.video(501, true)));
        assertTrue(q.offer(LatestGopTest.video(502, false)));
    }

    @Test
    void aTranscoderThatFellBehindJumpsToTheNextKeyframe() throws InterruptedException {
        FragmentQueue q = new FragmentQueue(LatestGopTest.INIT, List.of(LatestGopTest.video(0, true)));
        q.take();
        q.take(); // the init and the lead-in went in
        for (int i = 1; i <= FragmentQueue.JUMP_BACKLOG; i++) {
            q.offer(LatestGopTest.video(i, false));
        }

        assertTrue(q.offer(LatestGopTest.video(100, true)));

        assertEquals(1, q.size(), "only the keyframe waits");
        assertArrayEquals(new byte[] {100}, q.take());
        assertEquals(FragmentQueue.JUMP_BACKLOG, q.dropped());
    }

    @Test
    void theLeadInIsNeverSkippedEvenWhenItWaitsLong() {
        FragmentQueue q = new FragmentQueue(LatestGopTest.INIT, List.of(LatestGopTest.video(0, true), LatestGopTest.video(1, false),
                LatestGopTest.video(2, false), LatestGopTest.video(3, false), LatestGopTest.video(4, false)));
        for (int i = 5; i < 10; i++) {
            q.offer(LatestGopTest.video(i, false));
        }

        q.offer(LatestGopTest.video(10, true)); // ffmpeg is still starting: the frame count must stay right

        assertEquals(12, q.size());
    }
}
