package org.fieldcast.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The RTP packets of the current group of pictures, from the last keyframe on. A reader that joins
 * gets them right after PLAY, so its first picture arrives at once instead of up to a GOP later.
 * <p>
 * A keyframe starts with an SPS or an IDR slice (RFC 6184: single NAL unit, STAP-A, or the first
 * FU-A fragment); it ends at the first non-IDR slice, so the SPS, PPS and all IDR slices of one
 * keyframe stay together. Not thread-safe: the relay calls it under its lock.
 */
final class GopCache {
    /** Bounds memory when the publisher never sends a keyframe (about 2 MB of packets). */
    static final int MAX_PACKETS = 1500;

    private static final int NAL_NON_IDR = 1;
    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private final List<RelayedPacket> packets = new ArrayList<>();
    private boolean inKeyframe;
    private boolean collecting;

    void add(RelayedPacket rtp) {
        int kind = classify(rtp.data());
        if (kind == NAL_IDR && !inKeyframe) {
            packets.clear();
            inKeyframe = true;
            collecting = true;
        } else if (kind == NAL_NON_IDR) {
            inKeyframe = false;
        }
        if (!collecting) {
            return;
        }
        if (packets.size() == MAX_PACKETS) {
            packets.clear();
            collecting = false;
            return;
        }
        packets.add(rtp);
    }

    List<RelayedPacket> snapshot() {
        return List.copyOf(packets);
    }

    void clear() {
        packets.clear();
        inKeyframe = false;
        collecting = false;
    }

    /** {@link #NAL_IDR} for a packet that starts or belongs to a keyframe, {@link #NAL_NON_IDR} for other slices, else 0. */
    static int classify(byte[] rtp) {
        int offset = payloadOffset(rtp);
        if (offset < 0 || offset >= rtp.length) {
            return 0;
        }
        int type = rtp[offset] & 0x1f;
        if (type == FU_A && offset + 1 < rtp.length) {
            type = rtp[offset + 1] & 0x1f;
        } else if (type == STAP_A) {
            return stapKind(rtp, offset + 1);
        }
        return kindOf(type);
    }

    private static int stapKind(byte[] rtp, int at) {
        int kind = 0;
        while (at + 2 < rtp.length) {
            int size = ((rtp[at] & 0xff) << 8) | (rtp[at + 1] & 0xff);
            int k = kindOf(rtp[at + 2] & 0x1f);
            if (k != 0) {
                kind = Math.max(kind, k);
            }
            at += 2 + size;
        }
        return kind;
    }

    private static int kindOf(int nalType) {
        if (nalType == NAL_IDR || nalType == NAL_SPS) {
            return NAL_IDR;
        }
        return nalType == NAL_NON_IDR ? NAL_NON_IDR : 0;
    }

    /** Skips the fixed header, CSRCs and a header extension (RFC 3550 5.1, 5.3.1). */
    static int payloadOffset(byte[] rtp) {
        if (rtp.length < 12) {
            return -1;
        }
        int offset = 12 + 4 * (rtp[0] & 0x0f);
        if ((rtp[0] & 0x10) != 0) {
            if (offset + 4 > rtp.length) {
                return -1;
            }
            int words = ((rtp[offset + 2] & 0xff) << 8) | (rtp[offset + 3] & 0xff);
            offset += 4 + 4 * words;
        }
        return offset;
    }
}
