package org.fieldcast.fmp4;

import java.nio.ByteBuffer;

/**
 * Writes one sample as a movie fragment (moof+mdat, ISO/IEC 14496-12 8.8), the shape ffmpeg gives
 * each frame with {@code frag_every_frame}, so that a decoder reading ffmpeg's init segment takes
 * frames built here (from RTP) and ffmpeg's alike. Written by hand: six fixed boxes, and no MP4
 * library is needed anywhere else.
 */
public final class SampleFragment {
    /** sample_depends_on = 2: depends on no other sample (a sync sample). */
    private static final int SYNC = 0x0200_0000;
    /** sample_depends_on = 1 and sample_is_non_sync_sample. */
    private static final int NON_SYNC = 0x0101_0000;
    private static final int MOOF = 8 + 16 + 8 + 16 + 20 + 36;

    private SampleFragment() {
    }

    /**
     * @param sequence   mfhd sequence number, increasing per fragment
     * @param decodeTime tfdt, in the track's timescale
     * @param duration   the sample's duration, same timescale (0 when not known yet)
     * @param sample     the sample as MP4 stores it (length-prefixed NAL units for H.264)
     */
    public static Fragment of(int sequence, int trackId, long decodeTime, int duration, boolean sync, byte[] sample) {
        ByteBuffer b = ByteBuffer.allocate(MOOF + 8 + sample.length);
        b.putInt(MOOF).put(type("moof"));
        b.putInt(16).put(type("mfhd")).putInt(0).putInt(sequence);
        b.putInt(MOOF - 8 - 16).put(type("traf"));
        b.putInt(16).put(type("tfhd")).putInt(0x02_0000).putInt(trackId); // default-base-is-moof
        b.putInt(20).put(type("tfdt")).putInt(0x0100_0000).putLong(decodeTime); // version 1: 64-bit time
        // version 1 (signed composition offsets); data-offset, duration, size, flags and offset present
        b.putInt(36).put(type("trun")).putInt(0x0100_0F01).putInt(1).putInt(MOOF + 8);
        b.putInt(duration).putInt(sample.length).putInt(sync ? SYNC : NON_SYNC).putInt(0);
        b.putInt(8 + sample.length).put(type("mdat")).put(sample);
        return new Fragment(b.array(), trackId, decodeTime, duration, sync, 1);
    }

    private static byte[] type(String fourcc) {
        return fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
