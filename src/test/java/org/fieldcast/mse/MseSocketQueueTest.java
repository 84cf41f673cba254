package org.fieldcast.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.fieldcast.fmp4.TrackInfo;
import org.junit.jupiter.api.Test;

class MseSocketQueueTest {
    static final long BACKLOG_MS = 500;
    static final long MAX_BYTES = 100_000;

    /** Keeps each send open until the test completes it, like a client that reads slowly; decodes what it got. */
    private static final class HeldTransport implements MseSocketQueue.Transport {
        final List<String> sent = new ArrayList<>();
        final List<byte[]> binaries = new ArrayList<>();
        Consumer<Throwable> inFlight;

        @Override
        public void sendBinary(ByteBuffer message, Consumer<Throwable> done) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            binaries.add(b);
            int n = b[4] & 0xFF;
            String camera = new String(b, 5, n, StandardCharsets.UTF_8);
            long millis = ByteBuffer.wrap(b, 5 + n, 8).getLong();
            String kind = b[1] == 1 ? "init" : (b[2] & 1) == 1 ? "key" : (b[2] & 2) == 2 ? "aac" : "frag";
            sent.add(camera + (b[3] == 1 ? "/sub" : "") + ":" + kind + "@" + millis);
            hold(done);
        }

        @Override
        public void sendText(String message, Consumer<Throwable> done) {
            sent.add(message);
            hold(done);
        }

        private void hold(Consumer<Throwable> done) {
            if (inFlight != null) {
                throw new IllegalStateException("two messages in flight");
            }
            inFlight = done;
        }

        void complete(Throwable failure) {
            Consumer<Throwable> done = inFlight;
            inFlight = null;
            done.accept(failure);
        }

        void completeAll() {
            while (inFlight != null) {
                complete(null);
            }
        }

        List<String> take() {
            List<String> got = List.copyOf(sent);
            sent.clear();
            return got;
        }
    }

    private final HeldTransport transport = new HeldTransport();
    private final Map<String, Long> dropped = new HashMap<>();
    private final MseSocketQueue queue = new MseSocketQueue(transport, BACKLOG_MS, MAX_BYTES,
            (camera, n) -> dropped.merge(camera, n, Long::sum));

    @Test
    void theMimeNoticeTheInitAndTheLatestGopGoFirstThenEachPictureInOrder() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(5), List.of(picture(40, true), picture(80, false)));
        a.onFragment(picture(120, false));
        transport.completeAll();

        assertEquals(List.of("{\"camera\":\"cam-a\",\"stream\":\"main\",\"mime\":\"video/mp4; codecs=\\\"avc1.64001f\\\"\","
                        + "\"width\":1280,\"height\":720,\"audio\":false,\"hasAudio\":false}",
                "cam-a:init@5", "cam-a:key@40", "cam-a:frag@80", "cam-a:frag@120"), transport.take());
        byte[] init = transport.binaries.get(0);
        assertEquals(List.of(2, 1, 0, 0, 5), List.of((int) init[0], (int) init[1], (int) init[2], (int) init[3], (int) init[4]));
        assertEquals("ftyp", new String(init, 5 + 5 + 8 + 4, 4, StandardCharsets.ISO_8859_1), "the payload follows the header");
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void oneMessageInFlightAndCamerasTakeTurns() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        MseSocketQueue.Lane b = queue.open("cam-b", true);
        a.onInit(init(1), List.of());
        b.onInit(init(2), List.of());
        a.onFragment(picture(40, true));
        a.onFragment(picture(80, false));
        b.onFragment(picture(40, true));

        assertEquals(1, transport.sent.size(), "the rest waits for the first send");
        transport.completeAll(); // HeldTransport throws if two were in flight
        List<String> got = transport.take();

        // a's mime notice left before b was subscribed; then one message of each in turn.
        assertTrue(got.get(0).startsWith("{\"camera\":\"cam-a\""));
        assertEquals("cam-a:init@1", got.get(1));
        assertTrue(got.get(2).startsWith("{\"camera\":\"cam-b\",\"stream\":\"sub\""), "b's turn after a's: " + got);
        assertEquals(List.of("cam-a:key@40", "cam-b/sub:init@2", "cam-a:frag@80", "cam-b/sub:key@40"), got.subList(3, got.size()));
    }

    @Test
    void aViewerThatFallsBehindIsCutToTheNextKeyframeAndToldHowManyWereDropped() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(1), List.of());
        transport.complete(null); // mime sent; the init stays in flight: the client stopped reading
        a.onFragment(picture(1000, true));
        for (int t = 1040; t <= 1480; t += 40) {
            a.onFragment(picture(t, false)); // 12 pictures: 480 ms behind, within the bound
        }
        assertTrue(dropped.isEmpty());
        a.onFragment(picture(1520, false)); // 520 ms of media waiting: cut
        a.onFragment(picture(1560, false)); // skipped: not a keyframe
        a.onFragment(picture(1600, true)); // resumes here
        a.onFragment(picture(1640, false));
        transport.completeAll();

        assertEquals(List.of("cam-a:init@1", "{\"camera\":\"cam-a\",\"stream\":\"main\",\"dropped\":15}",
                "cam-a:key@1600", "cam-a:frag@1640"), transport.take().subList(1, 5));
        assertEquals(Map.of("cam-a", 15L), dropped, "12 + 1 queued, then the one that went over and one more skipped");
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void audioCountsTowardsTheBacklogIsDroppedWithItUncountedAndResumesWithTheNextKeyframe() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(1), List.of());
        transport.complete(null); // mime sent; the init stays in flight: the client stopped reading
        a.onFragment(picture(1000, true));
        a.onFragment(audio(1010));
        a.onFragment(picture(1040, false));
        a.onFragment(audio(1530)); // 530 ms of media waiting: cut, though it is audio
        a.onFragment(audio(1550)); // skipped: waiting for a keyframe
        a.onFragment(picture(1560, false));
        a.onFragment(picture(1600, true)); // resumes here, the audio with it
        a.onFragment(audio(1610));
        transport.completeAll();

        assertEquals(List.of("cam-a:init@1", "{\"camera\":\"cam-a\",\"stream\":\"main\",\"dropped\":3}",
                "cam-a:key@1600", "cam-a:aac@1610"), transport.take().subList(1, 5));
        assertEquals(Map.of("cam-a", 3L), dropped, "the pictures: 2 queued and 1 skipped; audio is not counted");
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void audioAheadOfThePicturesOnTheTimeLineIsNoBacklog() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(1), List.of());
        transport.complete(null); // the init stays in flight
        a.onFragment(picture(1000, true));
        a.onFragment(audio(1900)); // ffmpeg put the audio 0.9 s ahead
        a.onFragment(picture(1040, false));
        a.onFragment(audio(1921));
        transport.completeAll();

        assertEquals(List.of("cam-a:init@1", "cam-a:key@1000", "cam-a:aac@1900", "cam-a:frag@1040", "cam-a:aac@1921"),
                transport.take().subList(1, 6));
        assertTrue(dropped.isEmpty());
    }

    @Test
    void theMimeNoticeSaysWhetherTheInitCarriesAudioAndWhetherTheCameraHasIt() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        MseInit withAudio = new MseInit(init(1).bytes(), "video/mp4; codecs=\"avc1.64001f,mp4a.40.2\"", init(1).video(),
                new TrackInfo(2, "soun", 48_000, "mp4a.40.2", 0, 0, 0, 0), true, 3600, 1);
        a.onInit(withAudio, List.of());
        transport.completeAll();

        assertTrue(transport.take().get(0).endsWith("\"audio\":true,\"hasAudio\":true}"));
    }

    @Test
    void aViewerStalledForLongHoldsOneDroppedNoticeNotOnePerCut() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(1), List.of());
        transport.complete(null); // the init stays in flight from here on
        int pictures = 0;
        for (int t = 0; t < 60_000; t += 40) {
            a.onFragment(picture(t, t % 1000 == 0)); // a minute, a keyframe every second
            pictures++;
        }
        a.onFragment(picture(60_000, true)); // resumes here: the one notice, then this keyframe
        a.onFragment(picture(60_040, false));
        pictures += 2;
        assertTrue(queue.queuedBytes() < 20 * 1000 + 200, "about one backlog's worth queued: " + queue.queuedBytes());
        transport.completeAll();

        List<String> got = transport.take();
        List<String> notices = got.stream().filter(m -> m.contains("dropped")).toList();
        assertEquals(1, notices.size(), got.toString());
        long queuedAtTheEnd = got.stream().filter(m -> m.startsWith("cam-a:")).count() - 1; // without the init
        assertEquals(2, queuedAtTheEnd);
        assertEquals("{\"camera\":\"cam-a\",\"stream\":\"main\",\"dropped\":" + (pictures - queuedAtTheEnd) + "}", notices.get(0));
        assertEquals(pictures - queuedAtTheEnd, dropped.get("cam-a"));
    }

    @Test
    void theLatestGopDoesNotCountAsFallingBehind() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        List<MseFragment> gop = new ArrayList<>();
        for (int t = 0; t < 2000; t += 40) {
            gop.add(picture(t, t == 0));
        }
        a.onInit(init(1), gop); // 2 s of catch-up, queued at once
        a.onFragment(picture(2000, false));
        a.onFragment(picture(2040, false));
        transport.completeAll();

        assertEquals(2 + 52, transport.take().size());
        assertTrue(dropped.isEmpty());
    }

    @Test
    void aSocketsBytesAreBoundedAcrossItsCamerasAndTheCameraThatDoesNotFitIsCut() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        MseSocketQueue.Lane b = queue.open("cam-b", false);
        a.onInit(init(1), List.of());
        b.onInit(init(1), List.of());
        a.onFragment(sized(0, true, 60_000)); // nothing completes: all stays queued
        b.onFragment(sized(0, true, 30_000));
        b.onFragment(sized(40, false, 30_000)); // 60 + 30 + 30 kB would pass 100 kB: b is cut
        assertEquals(Map.of("cam-b", 2L), dropped);
        assertTrue(queue.queuedBytes() <= MAX_BYTES, "queued " + queue.queuedBytes());
        b.onFragment(sized(80, true, 30_000)); // fits again (b's own queue was emptied)
        transport.completeAll();

        List<String> got = transport.take();
        assertTrue(got.contains("{\"camera\":\"cam-b\",\"stream\":\"main\",\"dropped\":2}"), got.toString());
        assertTrue(got.indexOf("{\"camera\":\"cam-b\",\"stream\":\"main\",\"dropped\":2}") < got.indexOf("cam-b:key@80"));
        assertTrue(got.contains("cam-a:key@0"));
        assertTrue(!got.contains("cam-b:key@0") && !got.contains("cam-b:frag@40"), got.toString());
    }

    @Test
    void aNewInitReplacesWhatWasQueuedOfTheOldOneWithoutADroppedNotice() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(1), List.of());
        a.onFragment(picture(40, true));
        a.onFragment(picture(80, false));
        a.onInit(init(2), List.of()); // the stream restarted while the first mime notice was in flight
        a.onFragment(picture(0, false)); // a new run starts decodable only at a keyframe
        a.onFragment(picture(40, true));
        transport.completeAll();

        List<String> got = transport.take();
        assertEquals(List.of("cam-a:init@2", "cam-a:key@40"), got.subList(2, got.size()));
        assertTrue(got.get(1).contains("\"mime\""));
        assertTrue(dropped.isEmpty(), "a picture before a run's first keyframe is not the viewer falling behind: " + dropped);
    }

    @Test
    void socketNoticesGoFirstAndAreBounded() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        a.onInit(init(1), List.of());
        for (int i = 0; i < 40; i++) {
            queue.notice("{\"error\":\"" + i + "\"}");
        }
        transport.completeAll();

        List<String> got = transport.take();
        assertEquals(2 + MseSocketQueue.MAX_NOTICES, got.size());
        assertEquals("{\"error\":\"0\"}", got.get(1), "after the message in flight");
    }

    @Test
    void aClosedLaneOrQueueSendsNothingMoreAndAFailedSendClosesTheQueue() {
        MseSocketQueue.Lane a = queue.open("cam-a", false);
        MseSocketQueue.Lane b = queue.open("cam-b", false);
        a.onInit(init(1), List.of());
        b.onInit(init(1), List.of());
        queue.close(b);
        b.onFragment(picture(40, true));
        transport.completeAll();
        assertTrue(transport.take().stream().noneMatch(m -> m.contains("cam-b")));
        assertEquals(0, queue.queuedBytes());

        a.onFragment(picture(40, true));
        a.onFragment(picture(80, false));
        transport.complete(new java.io.IOException("broken pipe"));
        a.onFragment(picture(120, false));
        assertEquals(List.of("cam-a:key@40"), transport.take());
        assertEquals(null, transport.inFlight);
    }

    static MseInit init(long epochMillis) {
        byte[] ftyp = {0, 0, 0, 8, 'f', 't', 'y', 'p'};
        return new MseInit(ftyp, "video/mp4; codecs=\"avc1.64001f\"",
                new TrackInfo(1, "vide", 90_000, "avc1.64001f", 1280, 720, 0, 0), null, false, 3600, epochMillis);
    }

    /** A picture whose decode time and arrival are both {@code millis}. */
    static MseFragment picture(long millis, boolean keyframe) {
        return sized(millis, keyframe, 1000);
    }

    /** An AAC fragment whose decode time and arrival are both {@code millis}. */
    static MseFragment audio(long millis) {
        return new MseFragment(new byte[200], false, true, millis, millis);
    }

    static MseFragment sized(long millis, boolean keyframe, int bytes) {
        return new MseFragment(new byte[bytes], keyframe, false, millis, millis);
    }
}
