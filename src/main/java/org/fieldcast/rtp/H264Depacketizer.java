package org.fieldcast.rtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * RTP packets of one H.264 stream (RFC 6184, non-interleaved mode: single NAL units, STAP-A and
 * FU-A) back into access units. A unit is complete at the packet with the marker bit (RFC 6184
 * 5.1), or, from a camera that does not set it, when a packet with a new timestamp arrives. A lost
 * packet (a gap in the sequence numbers) spoils its unit and every one after it until the next
 * keyframe, because a decoder fed a picture whose reference is missing shows garbage.
 * <p>
 * Written by hand because it is small and sits on the proxy's relay path, where it must never block
 * or throw; ffmpeg's own depacketizer is the one that adds the delay. Not thread-safe: one proxy
 * thread feeds it.
 */
public final class H264Depacketizer {
    private static final int RTP_HEADER = 12;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;
    private static final int IDR = 5;
    /** A picture larger than this is not a camera's: the unit is dropped rather than grown further. */
    static final int MAX_UNIT = 8 * 1024 * 1024;

    private final int payloadType;
    private final Consumer<AccessUnit> units;
    /** The unit being built; grows to the largest picture and is reused, so a frame costs one copy out. */
    private byte[] unit = new byte[64 * 1024];
    private int size;
    private int nalStart = -1; // where the fragmented NAL being reassembled starts in unit; -1 when none
    private boolean spoilt;
    private boolean keyframe;
    private boolean needKeyframe = true;
    private boolean haveTimestamp;
    private long unitTimestamp;
    private long lastRtpTimestamp;
    private long unwrapped;
    private int expectedSeq = -1;
    private long dropped;

    public H264Depacketizer(int payloadType, Consumer<AccessUnit> units) {
        this.payloadType = payloadType;
        this.units = units;
    }

    /** One RTP packet, from {@code offset} for {@code length} bytes. Anything malformed is counted and skipped. */
    public void accept(byte[] packet, int offset, int length) {
        if (length < RTP_HEADER || (packet[offset] & 0xC0) != 0x80 || (packet[offset + 1] & 0x7F) != payloadType) {
            return; // not RTP version 2, or another payload (RTCP shares no channel, but be safe)
        }
        boolean marker = (packet[offset + 1] & 0x80) != 0;
        int seq = ((packet[offset + 2] & 0xFF) << 8) | (packet[offset + 3] & 0xFF);
        long rtpTimestamp = readU32(packet, offset + 4);
        int start = offset + RTP_HEADER + 4 * (packet[offset] & 0x0F);
        int end = offset + length;
        if ((packet[offset] & 0x10) != 0) { // header extension
            if (start + 4 > end) {
                return;
            }
            start += 4 + 4 * (((packet[start + 2] & 0xFF) << 8) | (packet[start + 3] & 0xFF));
        }
        if ((packet[offset] & 0x20) != 0 && end > start) { // padding
            end -= packet[end - 1] & 0xFF;
        }
        if (start >= end) {
            return;
        }
        long timestamp = unwrap(rtpTimestamp);
        // A gap: the packet lost belonged to the unit being built or to the next one; both are spoilt.
        boolean gap = expectedSeq >= 0 && seq != expectedSeq;
        if (gap) {
            spoil();
        }
        if ((size > 0 || spoilt) && timestamp != unitTimestamp) {
            complete(); // the marker of the last unit was lost, or the camera does not set it
        }
        if (gap) {
            spoil();
        }
        expectedSeq = (seq + 1) & 0xFFFF;
        unitTimestamp = timestamp;
        payload(packet, start, end);
        if (size > MAX_UNIT) {
            spoil();
        }
        if (marker) {
            complete();
        }
    }

    /** Units lost to gaps or malformed payloads, for metrics and tests. */
    public long dropped() {
        return dropped;
    }

    private void payload(byte[] b, int start, int end) {
        int type = b[start] & 0x1F;
        if (type >= 1 && type <= 23) {
            nal(b, start, end - start);
        } else if (type == STAP_A) {
            for (int at = start + 1; at + 2 <= end; ) {
                int size = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
                at += 2;
                if (size == 0 || at + size > end) {
                    spoil();
                    return;
                }
                nal(b, at, size);
                at += size;
            }
        } else if (type == FU_A && end - start > 2) {
            fragment(b, start, end);
        } else {
            spoil(); // STAP-B, MTAP and FU-B belong to the interleaved mode cameras do not use
        }
    }

    private void fragment(byte[] b, int start, int end) {
        byte indicator = b[start];
        byte header = b[start + 1];
        boolean first = (header & 0x80) != 0;
        boolean last = (header & 0x40) != 0;
        int type = header & 0x1F;
        if (first) {
            nalStart = size;
            writeLength(0); // filled in when the last fragment has come
            write((byte) ((indicator & 0xE0) | type));
            if (type == IDR) {
                keyframe = true;
            }
        } else if (nalStart < 0) {
            spoil(); // its first fragment was lost
            return;
        }
        write(b, start + 2, end - start - 2);
        if (last) {
            putLength(nalStart, size - nalStart - 4);
            nalStart = -1;
        }
    }

    private void nal(byte[] b, int at, int length) {
        if (nalStart >= 0) {
            spoil(); // a fragmented NAL never got its last fragment
            return;
        }
        if ((b[at] & 0x1F) == IDR) {
            keyframe = true;
        }
        writeLength(length);
        write(b, at, length);
    }

    private void writeLength(int length) {
        ensure(4);
        putLength(size, length);
        size += 4;
    }

    private void putLength(int at, int length) {
        unit[at] = (byte) (length >>> 24);
        unit[at + 1] = (byte) (length >>> 16);
        unit[at + 2] = (byte) (length >>> 8);
        unit[at + 3] = (byte) length;
    }

    private void write(byte value) {
        ensure(1);
        unit[size++] = value;
    }

    private void write(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, unit, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > unit.length) {
            unit = Arrays.copyOf(unit, Math.max(unit.length * 2, size + more));
        }
    }

    private void spoil() {
        spoilt = true;
    }

    private void complete() {
        boolean usable = !spoilt && nalStart < 0 && size > 0;
        if (keyframe && usable) {
            needKeyframe = false;
        } else if (!usable) {
            needKeyframe = true;
        }
        if (usable && !needKeyframe) {
            units.accept(new AccessUnit(unitTimestamp, keyframe, Arrays.copyOf(unit, size)));
        } else if (size > 0 || spoilt) {
            dropped++;
        }
        size = 0;
        nalStart = -1;
        spoilt = false;
        keyframe = false;
    }

    private long unwrap(long rtpTimestamp) {
        if (!haveTimestamp) {
            haveTimestamp = true;
            unwrapped = 0;
        } else {
            unwrapped += (int) (rtpTimestamp - lastRtpTimestamp); // signed 32-bit step: rolls over cleanly
        }
        lastRtpTimestamp = rtpTimestamp;
        return unwrapped;
    }

    private static long readU32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
