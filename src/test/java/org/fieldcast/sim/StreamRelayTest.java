package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRelayTest {
    private static final int SPS = 0x67;
    private static final int PPS = 0x68;
    private static final int IDR = 0x65;
    private static final int SLICE = 0x41;
    private static final int FU_A = 0x7c;

    private final Object publisher = new Object();
    private final StreamRelay relay = new StreamRelay("cam");
    private int seq = 100;

    StreamRelayTest() {
        relay.announce(publisher, SdpRewriterTest.FFMPEG_ANNOUNCE);
    }

    @Test
    void gopStartsAtTheKeyframeAndKeepsItsSpsPpsAndIdrSlices() {
        GopCache gop = new GopCache();
        gop.add(packet(rtp(SLICE)));
        gop.add(packet(rtp(SPS)));
        gop.add(packet(rtp(PPS)));
        gop.add(packet(rtp(IDR)));
        gop.add(packet(rtp(IDR)));
        gop.add(packet(rtp(SLICE)));

        List<RelayedPacket> kept = gop.snapshot();
        assertEquals(5, kept.size());
        assertEquals(SPS, kept.get(0).data()[12] & 0xff);
    }

    @Test
    void fuAFragmentsAndStapAAreRecognised() {
        assertEquals(5, GopCache.classify(rtp(FU_A, 0x85))); // FU-A start of an IDR
        assertEquals(1, GopCache.classify(rtp(FU_A, 0x81))); // FU-A of a non-IDR slice
        assertEquals(5, GopCache.classify(rtp(0x78, 0x00, 0x02, SPS, 0x42, 0x00, 0x02, PPS, 0xce))); // STAP-A with SPS, PPS
        assertEquals(0, GopCache.classify(rtp(0x06))); // SEI
    }

    @Test
    void aNewViewerGetsTheCurrentGopFirstWithPayloadType35() {
        relay.onPacket(publisher, 0, false, rtp(SLICE));
        relay.onPacket(publisher, 0, false, rtp(SPS));
        relay.onPacket(publisher, 0, false, rtp(IDR));
        relay.onPacket(publisher, 0, false, rtp(SLICE));
        ReaderSession viewer = viewer();

        StreamRelay.PlayStart start = relay.attach(viewer);
        relay.onPacket(publisher, 0, false, rtp(SLICE));

        assertNotNull(start);
        assertEquals(101, start.sequence());
        byte[] wire = drain(viewer);
        assertEquals(4, countFrames(wire));
        assertEquals(35, wire[4 + 1] & 0x7f);
        assertEquals(1, relay.playingCount());
        assertEquals(1, relay.totalPlays());
    }

    @Test
    void aViewerThatFallsBehindOverflowsWithoutHoldingUpTheOthers() {
        ReaderSession slow = viewer();
        ReaderSession keepingUp = viewer();
        relay.attach(slow);
        relay.attach(keepingUp);
        for (int i = 0; i < ReaderSession.QUEUE_CAPACITY; i++) {
            relay.onPacket(publisher, 0, false, rtp(SLICE));
        }
        int first = countFrames(drain(keepingUp));

        relay.onPacket(publisher, 0, false, rtp(SLICE));

        assertTrue(slow.overflowed(), "the slow viewer's queue ran over");
        assertFalse(keepingUp.overflowed());
        assertEquals(ReaderSession.QUEUE_CAPACITY + 1, first + countFrames(drain(keepingUp)));
    }

    @Test
    void stalledRelayForwardsNothingButKeepsConnectionsCounted() {
        ReaderSession viewer = viewer();
        relay.attach(viewer);
        relay.setStalled(true);

        relay.onPacket(publisher, 0, false, rtp(SLICE));

        assertEquals(0, countFrames(drain(viewer)));
        assertEquals(1, relay.playingCount());
    }

    @Test
    void packetsOfAReplacedPublisherAreIgnored() {
        ReaderSession viewer = viewer();
        relay.attach(viewer);
        relay.announce(new Object(), SdpRewriterTest.FFMPEG_ANNOUNCE);

        relay.onPacket(publisher, 0, false, rtp(SLICE));

        assertEquals(0, countFrames(drain(viewer)));
    }

    private ReaderSession viewer() {
        ReaderSession s = new ReaderSession();
        s.setUp(0, 0, "rtsp://h/trackID=0");
        return s;
    }

    /** Runs the viewer's writer until its queue is empty; returns the bytes it put on the wire. */
    private static byte[] drain(ReaderSession viewer) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RtspOutput output = new RtspOutput(wire);
        try {
            while (viewer.writeBatch(output, 0)) {
                // keep writing
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        return wire.toByteArray();
    }

    private static int countFrames(byte[] wire) {
        int frames = 0;
        for (int i = 0; i < wire.length; frames++) {
            i += 4 + (((wire[i + 2] & 0xff) << 8) | (wire[i + 3] & 0xff));
        }
        return frames;
    }

    private static RelayedPacket packet(byte[] rtp) {
        return new RelayedPacket(0, false, rtp);
    }

    private byte[] rtp(int... payload) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = 96;
        int s = seq++;
        p[2] = (byte) (s >> 8);
        p[3] = (byte) s;
        for (int i = 0; i < payload.length; i++) {
            p[12 + i] = (byte) payload[i];
        }
        return p;
    }
}
