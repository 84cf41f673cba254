package org.fieldcast.fmp4;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads the track list out of an init segment's moov box. */
final class Mp4Init {
    private static final int VISUAL_SAMPLE_ENTRY_FIELDS = 78;
    private static final int AUDIO_SAMPLE_ENTRY_FIELDS = 28;

    private Mp4Init() {
    }

    static InitSegment read(byte[] ftyp, byte[] moov) {
        List<TrackInfo> tracks = new ArrayList<>();
        int end = moov.length;
        int at = Boxes.HEADER;
        while (at + Boxes.HEADER <= end) {
            int size = Boxes.size(moov, at);
            if (Boxes.type(moov, at).equals("trak")) {
                tracks.add(track(moov, at));
            }
            at += size;
        }
        if (tracks.isEmpty()) {
            throw new Mp4FormatException("moov has no track");
        }
        tracks = withTrexDefaults(moov, tracks);
        byte[] bytes = new byte[ftyp.length + moov.length];
        System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
        System.arraycopy(moov, 0, bytes, ftyp.length, moov.length);
        return new InitSegment(bytes, List.copyOf(tracks));
    }

    private static TrackInfo track(byte[] b, int trak) {
        int tkhd = Boxes.child(b, trak, 0, "tkhd");
        int mdhd = Boxes.path(b, trak, "mdia", "mdhd");
        int hdlr = Boxes.path(b, trak, "mdia", "hdlr");
        int stsd = Boxes.path(b, trak, "mdia", "minf", "stbl", "stsd");
        if (tkhd < 0 || mdhd < 0 || hdlr < 0 || stsd < 0) {
            throw new Mp4FormatException("trak lacks tkhd, mdhd, hdlr or stsd");
        }
        int trackId = (int) Boxes.u32(b, tkhd + Boxes.HEADER + (b[tkhd + Boxes.HEADER] == 1 ? 20 : 12));
        long timescale = Boxes.u32(b, mdhd + Boxes.HEADER + (b[mdhd + Boxes.HEADER] == 1 ? 20 : 12));
        String handler = Boxes.type(b, hdlr + Boxes.HEADER + 4);
        asHvc1(b, stsd);
        int tkhdEnd = tkhd + Boxes.size(b, tkhd);
        int width = (int) (Boxes.u32(b, tkhdEnd - 8) >> 16);
        int height = (int) (Boxes.u32(b, tkhdEnd - 4) >> 16);
        return new TrackInfo(trackId, handler, timescale, codec(b, stsd), width, height, 0, 0);
    }

    /**
     * H.265 goes to players as {@code hvc1}, the sample entry Apple requires for HLS, rather than
     * ffmpeg's default {@code hev1}: the same data, with the parameter sets declared complete in the
     * sample entry (array_completeness, ISO/IEC 14496-15 8.3.3.1), as {@code -tag:v hvc1} would write
     * them. Done here because ffmpeg's arguments are fixed before the camera says which codec it sends.
     */
    private static void asHvc1(byte[] b, int stsd) {
        int entry = stsd + Boxes.HEADER + 8;
        if (!Boxes.type(b, entry).equals("hev1")) {
            return;
        }
        int hvcC = Boxes.child(b, entry, VISUAL_SAMPLE_ENTRY_FIELDS, "hvcC");
        if (hvcC < 0) {
            return; // no parameter sets out of band: hev1 is the only honest name
        }
        int end = hvcC + Boxes.size(b, hvcC);
        int at = hvcC + Boxes.HEADER + 22;
        int arrays = b[at++] & 0xFF;
        for (int i = 0; i < arrays && at + 3 <= end; i++) {
            b[at] |= (byte) 0x80;
            int count = Boxes.u16(b, at + 1);
            at += 3;
            for (int n = 0; n < count && at + 2 <= end; n++) {
                at += 2 + Boxes.u16(b, at);
            }
        }
        System.arraycopy("hvc1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, entry + 4, 4);
    }

    /** RFC 6381 codec string from the first sample entry (ISO/IEC 14496-15 for avcC and hvcC). */
    static String codec(byte[] b, int stsd) {
        int entry = stsd + Boxes.HEADER + 8;
        String format = Boxes.type(b, entry);
        switch (format) {
            case "avc1", "avc3" -> {
                int avcC = Boxes.child(b, entry, VISUAL_SAMPLE_ENTRY_FIELDS, "avcC");
                if (avcC < 0) {
                    return format;
                }
                return format + "." + HexFormat.of().formatHex(b, avcC + Boxes.HEADER + 1, avcC + Boxes.HEADER + 4);
            }
            case "hvc1", "hev1" -> {
                int hvcC = Boxes.child(b, entry, VISUAL_SAMPLE_ENTRY_FIELDS, "hvcC");
                return hvcC < 0 ? format : format + hevcSuffix(b, hvcC + Boxes.HEADER);
            }
            case "mp4a" -> {
                int esds = Boxes.child(b, entry, AUDIO_SAMPLE_ENTRY_FIELDS, "esds");
                return "mp4a.40." + (esds < 0 ? 2 : aacObjectType(b, esds));
            }
            default -> {
                return format;
            }
        }
    }

    /** {@code .<space><profile>.<compat reversed>.<tier><level>.<constraints>} per ISO/IEC 14496-15 annex E. */
    private static String hevcSuffix(byte[] b, int at) {
        int p = b[at + 1] & 0xFF;
        String space = new String[] {"", "A", "B", "C"}[p >> 6];
        String tier = (p & 0x20) != 0 ? "H" : "L";
        long compat = Integer.reverse((int) Boxes.u32(b, at + 2)) & 0xFFFFFFFFL;
        StringBuilder s = new StringBuilder("." + space + (p & 0x1F) + "." + Long.toHexString(compat).toUpperCase()
                + "." + tier + (b[at + 12] & 0xFF));
        int last = 11;
        while (last >= 6 && b[at + last] == 0) {
            last--;
        }
        for (int i = 6; i <= last; i++) {
            s.append('.').append(Integer.toHexString(b[at + i] & 0xFF).toUpperCase());
        }
        return s.toString();
    }

    /** Audio object type from the DecoderSpecificInfo (tag 5) inside esds; 2 (AAC-LC) when not found. */
    private static int aacObjectType(byte[] b, int esds) {
        int end = esds + Boxes.size(b, esds);
        for (int i = esds + Boxes.HEADER + 4; i < end - 2; i++) {
            if (b[i] == 0x05) {
                int j = i + 1;
                while (j < end && (b[j] & 0x80) != 0) {
                    j++; // length bytes with the continuation bit
                }
                if (j + 1 < end) {
                    return (b[j + 1] & 0xFF) >> 3;
                }
            }
        }
        return 2;
    }

    private static List<TrackInfo> withTrexDefaults(byte[] moov, List<TrackInfo> tracks) {
        int mvex = Boxes.child(moov, 0, 0, "mvex");
        if (mvex < 0) {
            return tracks;
        }
        List<TrackInfo> result = new ArrayList<>();
        for (TrackInfo t : tracks) {
            long duration = 0;
            long flags = 0;
            int at = mvex + Boxes.HEADER;
            int end = mvex + Boxes.size(moov, mvex);
            while (at + Boxes.HEADER <= end) {
                if (Boxes.type(moov, at).equals("trex") && Boxes.u32(moov, at + 12) == t.trackId()) {
                    duration = Boxes.u32(moov, at + 20);
                    flags = Boxes.u32(moov, at + 28);
                }
                at += Boxes.size(moov, at);
            }
            result.add(new TrackInfo(t.trackId(), t.handler(), t.timescale(), t.codec(), t.width(), t.height(),
                    duration, flags));
        }
        return result;
    }
}
