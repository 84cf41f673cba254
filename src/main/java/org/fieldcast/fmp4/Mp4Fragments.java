package org.fieldcast.fmp4;

/** Reads timing and keyframe facts out of a moof box (tfhd, tfdt, trun of its first traf). */
final class Mp4Fragments {
    /** sample_is_non_sync_sample in the sample flags (ISO/IEC 14496-12, 8.8.3.1). */
    static final long NON_SYNC = 0x00010000L;

    private Mp4Fragments() {
    }

    /** @param bytes moof followed by mdat; @param moofLength where the mdat starts */
    static Fragment read(byte[] bytes, int moofLength, InitSegment init) {
        int traf = Boxes.find(bytes, Boxes.HEADER, moofLength, "traf");
        if (traf < 0) {
            throw new Mp4FormatException("moof without traf");
        }
        int tfhd = Boxes.child(bytes, traf, 0, "tfhd");
        int tfdt = Boxes.child(bytes, traf, 0, "tfdt");
        int trun = Boxes.child(bytes, traf, 0, "trun");
        if (tfhd < 0 || tfdt < 0 || trun < 0) {
            throw new Mp4FormatException("traf lacks tfhd, tfdt or trun");
        }
        int trackId = (int) Boxes.u32(bytes, tfhd + 12);
        TrackInfo track = init.track(trackId)
                .orElseThrow(() -> new Mp4FormatException("fragment of unknown track " + trackId));
        long defaultDuration = track.defaultSampleDuration();
        long defaultFlags = track.defaultSampleFlags();
        int tfhdFlags = (int) (Boxes.u32(bytes, tfhd + 8) & 0xFFFFFF);
        int at = tfhd + 16;
        if ((tfhdFlags & 0x01) != 0) {
            at += 8; // base_data_offset
        }
        if ((tfhdFlags & 0x02) != 0) {
            at += 4; // sample_description_index
        }
        if ((tfhdFlags & 0x08) != 0) {
            defaultDuration = Boxes.u32(bytes, at);
            at += 4;
        }
        if ((tfhdFlags & 0x10) != 0) {
            at += 4; // default_sample_size
        }
        if ((tfhdFlags & 0x20) != 0) {
            defaultFlags = Boxes.u32(bytes, at);
        }
        long decodeTime = bytes[tfdt + 8] == 1 ? Boxes.u64(bytes, tfdt + 12) : Boxes.u32(bytes, tfdt + 12);
        return run(bytes, trun, trackId, decodeTime, defaultDuration, defaultFlags);
    }

    private static Fragment run(byte[] b, int trun, int trackId, long decodeTime, long defaultDuration, long defaultFlags) {
        int flags = (int) (Boxes.u32(b, trun + 8) & 0xFFFFFF);
        int count = (int) Boxes.u32(b, trun + 12);
        int at = trun + 16;
        if ((flags & 0x01) != 0) {
            at += 4; // data_offset
        }
        Long firstFlags = null;
        if ((flags & 0x04) != 0) {
            firstFlags = Boxes.u32(b, at);
            at += 4;
        }
        int perSample = Integer.bitCount(flags & 0xF00) * 4;
        long duration = 0;
        for (int i = 0; i < count; i++) {
            int field = at + i * perSample;
            duration += (flags & 0x100) != 0 ? Boxes.u32(b, field) : defaultDuration;
            if (i == 0 && firstFlags == null) {
                int flagsField = field + ((flags & 0x100) != 0 ? 4 : 0) + ((flags & 0x200) != 0 ? 4 : 0);
                firstFlags = (flags & 0x400) != 0 ? Boxes.u32(b, flagsField) : defaultFlags;
            }
        }
        boolean independent = count > 0 && (firstFlags & NON_SYNC) == 0;
        return new Fragment(b, trackId, decodeTime, duration, independent, count);
    }
}
