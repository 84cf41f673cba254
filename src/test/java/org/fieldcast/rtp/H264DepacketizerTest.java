package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class H264DepacketizerTest {
    private static final int PT = 96;
    private static final byte[] SPS = {0x67, 0x42, (byte) 0xC0, 0x1E, 0x11};
    private static final byte[] PPS = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};

    private final List<AccessUnit> units = new ArrayList<>();
    private final H264Depacketizer depacketizer = new H264Depacketizer(PT, units::add);
    private int seq = 65_530; // rolls over during the tests

    @Test
    void singleNalPacketsMakeAUnitAtTheMarker() {
        byte[] idr = nal(0x65, 300);
        send(1000, false, SPS);
        send(1000, false, PPS);
        assertTrue(units.isEmpty(), "nothing before the marker");
        send(1000, true, idr);

        assertEquals(1, units.size());
        AccessUnit u = units.get(0);
        assertTrue(u.keyframe());
        assertEquals(0, u.timestamp());
        assertArrayEquals(lengthPrefixed(SPS, PPS, idr), u.nalUnits());
    }

    @Test
    void fragmentsAreReassembled() {
        byte[] idr = nal(0x65, 3000);
        fragments(2000, idr, 1200, true);
        byte[] p = nal(0x41, 2500);
        fragments(2000 + 3600, p, 1000, true);

        assertEquals(2, units.size());
        assertArrayEquals(lengthPrefixed(idr), units.get(0).nalUnits());
        assertArrayEquals(lengthPrefixed(p), units.get(1).nalUnits());
        assertFalse(units.get(1).keyframe());
        assertEquals(3600, units.get(1).timestamp());
    }

    @Test
    void aggregatesAreSplit() {
        byte[] idr = nal(0x65, 100);
        ByteArrayOutputStream stap = new ByteArrayOutputStream();
        stap.write(0x78); // STAP-A, NRI 3
        for (byte[] n : List.of(SPS, PPS)) {
            stap.write(n.length >> 8);
            stap.write(n.length);
            stap.writeBytes(n);
        }
        send(0, false, stap.toByteArray());
        send(0, true, idr);

        assertEquals(1, units.size());
        assertArrayEquals(lengthPrefixed(SPS, PPS, idr), units.get(0).nalUnits());
    }

    @Test
    void aNewTimestampEndsAUnitWhoseMarkerNeverCame() {
        send(0, false, nal(0x65, 50));
        send(3600, false, nal(0x41, 50));
        send(7200, true, nal(0x41, 50));

        assertEquals(List.of(0L, 3600L, 7200L), units.stream().map(AccessUnit::timestamp).toList());
    }

    @Test
    void aLostPacketDropsFramesUntilTheNextKeyframe() {
        fragments(0, nal(0x65, 3000), 1000, true);
        byte[] p = nal(0x41, 3000);
        // the middle fragment of the next picture is lost
        List<byte[]> pieces = fuA(p, 1000);
        send(3600, false, pieces.get(0));
        seq++; // lost
        send(3600, true, pieces.get(2));
        fragments(7200, nal(0x41, 500), 1000, true); // complete, but its reference is spoilt
        byte[] idr = nal(0x65, 800);
        fragments(10_800, idr, 1000, true);

        assertEquals(List.of(0L, 10_800L), units.stream().map(AccessUnit::timestamp).toList());
        assertArrayEquals(lengthPrefixed(idr), units.get(1).nalUnits());
        assertEquals(2, depacketizer.dropped());
    }

    @Test
    void nothingBeforeTheFirstKeyframe() {
        send(0, true, nal(0x41, 50));
        send(3600, true, nal(0x65, 50));
        send(7200, true, nal(0x41, 50));
        assertEquals(List.of(3600L, 7200L), units.stream().map(AccessUnit::timestamp).toList());
    }

    @Test
    void timestampsKeepGrowingThroughTheRollOver() {
        long near = 0xFFFF_F000L;
        sendRaw(near, true, nal(0x65, 10));
        sendRaw((near + 3600) & 0xFFFF_FFFFL, true, nal(0x41, 10));
        assertEquals(List.of(0L, 3600L), units.stream().map(AccessUnit::timestamp).toList());
    }

    @Test
    void garbageIsIgnored() {
        depacketizer.accept(new byte[] {1, 2, 3}, 0, 3);
        depacketizer.accept(new byte[40], 0, 40); // version 0
        byte[] otherPayload = packet(0, true, nal(0x65, 10));
        otherPayload[1] = (byte) (0x80 | 97);
        depacketizer.accept(otherPayload, 0, otherPayload.length);
        assertTrue(units.isEmpty());
        send(0, true, nal(0x65, 10));
        assertEquals(1, units.size());
    }

    private void fragments(long timestamp, byte[] nal, int size, boolean marker) {
        List<byte[]> pieces = fuA(nal, size);
        for (int i = 0; i < pieces.size(); i++) {
            send(timestamp, marker && i == pieces.size() - 1, pieces.get(i));
        }
    }

    private static List<byte[]> fuA(byte[] nal, int size) {
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 1; at < nal.length; at += size) {
            int end = Math.min(nal.length, at + size);
            byte[] piece = new byte[2 + end - at];
            piece[0] = (byte) ((nal[0] & 0xE0) | 28);
            piece[1] = (byte) ((at == 1 ? 0x80 : 0) | (end == nal.length ? 0x40 : 0) | (nal[0] & 0x1F));
            System.arraycopy(nal, at, piece, 2, end - at);
            pieces.add(piece);
        }
        return pieces;
    }

    private void send(long timestamp, boolean marker, byte[] payload) {
        sendRaw(timestamp, marker, payload);
    }

    private void sendRaw(long timestamp, boolean marker, byte[] payload) {
        byte[] p = packet(timestamp, marker, payload);
        // inside a larger buffer, as the proxy's interleaved frame holds it
        byte[] frame = new byte[p.length + 4];
        System.arraycopy(p, 0, frame, 4, p.length);
        depacketizer.accept(frame, 4, p.length);
    }

    private byte[] packet(long timestamp, boolean marker, byte[] payload) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | PT);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        seq = (seq + 1) & 0xFFFF;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (timestamp >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }

    private static byte[] nal(int header, int size) {
        byte[] n = new byte[size];
        for (int i = 1; i < size; i++) {
            n[i] = (byte) (i * 31 + size);
        }
        n[0] = (byte) header;
        return n;
    }

    private static byte[] lengthPrefixed(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.write(n.length >>> 24);
            out.write(n.length >>> 16);
            out.write(n.length >>> 8);
            out.write(n.length);
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

}
