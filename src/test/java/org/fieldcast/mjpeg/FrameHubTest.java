package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameHubTest {
    private static final JpegProfile PROFILE = new JpegProfile("default", 1280, 720, 25, 5);

    private long now = 1_000_000_000L;
    private final AtomicInteger demandChanges = new AtomicInteger();
    private final FrameHub hub = new FrameHub("cam-a", PROFILE, demandChanges::incrementAndGet, () -> now);

    @Test
    void everyViewerIsOfferedEveryFrame() {
        List<JpegFrame> a = new ArrayList<>();
        List<JpegFrame> b = new ArrayList<>();
        hub.subscribe(a::add);
        hub.subscribe(b::add);

        hub.publish(jpeg(1), 100);
        hub.publish(jpeg(2), 140);

        assertEquals(List.of(1L, 2L), a.stream().map(JpegFrame::sequence).toList());
        assertEquals(List.of(1L, 2L), b.stream().map(JpegFrame::sequence).toList());
        assertEquals(140, b.get(1).epochMillis());
        assertEquals("cam-a", b.get(1).cameraId());
    }

    @Test
    void aNewViewerGetsTheLatestFrameAtOnce() {
        hub.publish(jpeg(1), 100);
        hub.publish(jpeg(2), 140);
        List<JpegFrame> late = new ArrayList<>();

        hub.subscribe(late::add);

        assertEquals(1, late.size());
        assertEquals(2, late.get(0).jpeg()[0]);
    }

    @Test
    void anOldFrameIsNotOfferedAsTheLatest() {
        hub.publish(jpeg(1), 100);
        now += FrameHub.STALE_AFTER_NANOS + 1;
        List<JpegFrame> late = new ArrayList<>();

        hub.subscribe(late::add);

        assertEquals(List.of(), late);
        assertTrue(hub.latest().isEmpty());
    }

    @Test
    void aForgottenFrameIsNotOfferedEither() {
        hub.publish(jpeg(1), 100);
        hub.forgetLatest();

        assertTrue(hub.latest().isEmpty());
    }

    @Test
    void demandChangesOnlyWhenTheFirstViewerComesAndTheLastGoes() {
        FrameSink a = f -> { };
        FrameSink b = f -> { };
        hub.subscribe(a);
        assertEquals(1, demandChanges.get());
        hub.subscribe(b);
        hub.unsubscribe(a);
        assertEquals(1, demandChanges.get());
        assertEquals(1, hub.viewers());

        hub.unsubscribe(b);
        assertEquals(2, demandChanges.get());
        assertEquals(0, hub.viewers());
        hub.unsubscribe(b);
        assertEquals(2, demandChanges.get(), "removing twice changes nothing");
    }

    @Test
    void nextFrameWaitsAsAViewerAndLeavesWithItsFrame() {
        CompletableFuture<JpegFrame> next = hub.nextFrame();
        assertFalse(next.isDone());
        assertEquals(1, hub.viewers(), "a waiting snapshot makes the transcoder run");

        hub.publish(jpeg(7), 100);

        assertEquals(7, next.join().jpeg()[0]);
        assertEquals(0, hub.viewers());
    }

    @Test
    void nextFrameIsTheLatestWhenOneIsRecent() {
        hub.publish(jpeg(3), 100);

        CompletableFuture<JpegFrame> next = hub.nextFrame();

        assertTrue(next.isDone());
        assertEquals(3, next.join().jpeg()[0]);
        assertEquals(0, hub.viewers());
    }

    @Test
    void aCancelledWaitStopsCountingAsAViewer() {
        CompletableFuture<JpegFrame> next = hub.nextFrame();
        next.cancel(false);

        assertEquals(0, hub.viewers());
        assertEquals(2, demandChanges.get());
    }

    /** The drop policy end to end: a viewer that cannot send keeps the newest frame only, and the others go on. */
    @Test
    void aStalledViewerSkipsFramesWithoutHoldingTheOthersBack() throws java.io.IOException {
        FakeOutput stalledOut = new FakeOutput();
        MjpegViewer stalled = new MjpegViewer(FakeOutput.async(), stalledOut, self -> { });
        FakeOutput fastOut = new FakeOutput();
        MjpegViewer fast = new MjpegViewer(FakeOutput.async(), fastOut, self -> { });
        stalledOut.setWriteListener(stalled);
        fastOut.setWriteListener(fast);
        hub.subscribe(stalled);
        hub.subscribe(fast);
        stalledOut.ready = false; // the client stopped reading

        for (int i = 1; i <= 50; i++) {
            hub.publish(jpeg(i), i);
        }

        assertEquals(50, fast.framesWritten());
        assertEquals(0, stalled.framesWritten());
        stalledOut.becomeReady();
        assertEquals(1, stalled.framesWritten(), "only the newest frame was kept");
        assertTrue(stalledOut.text().contains("X-Frame-Time: 50\r\n"));
        assertFalse(stalledOut.text().contains("X-Frame-Time: 49\r\n"));
    }

    @Test
    void framesCarryTheirOwnSequence() {
        hub.publish(jpeg(1), 100);
        JpegFrame first = hub.latest().orElseThrow();
        hub.publish(jpeg(2), 90); // an external source with a slower clock: order still by arrival
        JpegFrame second = hub.latest().orElseThrow();

        assertTrue(second.newerThan(first));
        assertFalse(first.newerThan(second));
        assertSame(second, hub.latest().orElseThrow());
        assertEquals(2, hub.framesPublished());
    }

    static byte[] jpeg(int marker) {
        return new byte[] {(byte) marker, (byte) 0xff, (byte) 0xd9};
    }
}
