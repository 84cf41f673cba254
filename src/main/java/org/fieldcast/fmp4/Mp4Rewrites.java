package org.fieldcast.fmp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * Copies of init segments and fragments with a box changed, for views that hand them to a decoder
 * which is stricter than ffmpeg (a browser's Media Source Extensions). Written by hand like the
 * readers beside it: only moov's children and one trun field are touched, everything else is copied.
 */
public final class Mp4Rewrites {

    private Mp4Rewrites() {
    }

    /**
     * The init segment declaring only the given tracks: the other {@code trak} boxes and their {@code trex}
     * (in {@code mvex}) are left out, so a decoder does not wait for samples of a track that never come
     * (MSE: "the initialization segment ... tracks" must all get media before playback starts).
     *
     * @throws Mp4FormatException if none of the tracks is in the init segment
     */
    public static InitSegment onlyTracks(InitSegment init, Set<Integer> trackIds) {
        byte[] b = init.bytes();
        int ftypEnd = Boxes.size(b, 0);
        if (!Boxes.type(b, 0).equals("ftyp")) {
            throw new Mp4FormatException("init segment does not start with ftyp");
        }
        int moov = Boxes.find(b, ftypEnd, b.length, "moov");
        if (moov < 0) {
            throw new Mp4FormatException("init segment without moov");
        }
        ByteArrayOutputStream children = new ByteArrayOutputStream();
        forEachChild(b, moov, (at, size) -> {
            switch (Boxes.type(b, at)) {
                case "trak" -> {
                    if (trackIds.contains(trakId(b, at))) {
                        children.write(b, at, size);
                    }
                }
                case "mvex" -> children.writeBytes(mvexOf(b, at, trackIds));
                default -> children.write(b, at, size);
            }
        });
        byte[] newMoov = boxOf("moov", children.toByteArray());
        return Mp4Init.read(Arrays.copyOfRange(b, 0, ftypEnd), newMoov);
    }

    /**
     * A copy of a one-track fragment in which every sample whose duration is 0 gets {@code duration}
     * (in the track's timescale). The first picture after an init has no duration yet where it is
     * written as it arrives ({@link SampleFragment}); a browser then treats it as lasting no time and
     * drops or holds it. Only durations written in the {@code trun} (or {@code tfhd}) are changed; the
     * fragment is returned as it is when it has none that are 0.
     */
    public static Fragment withDuration(Fragment fragment, long duration) {
        byte[] b = fragment.bytes();
        int moofEnd = Boxes.size(b, 0);
        int traf = Boxes.find(b, Boxes.HEADER, moofEnd, "traf");
        if (traf < 0) {
            return fragment;
        }
        byte[] copy = null;
        int tfhd = Boxes.child(b, traf, 0, "tfhd");
        if (tfhd >= 0) {
            int tfhdFlags = (int) (Boxes.u32(b, tfhd + 8) & 0xFFFFFF);
            if ((tfhdFlags & 0x08) != 0) {
                int at = tfhd + 16 + ((tfhdFlags & 0x01) != 0 ? 8 : 0) + ((tfhdFlags & 0x02) != 0 ? 4 : 0);
                if (Boxes.u32(b, at) == 0) {
                    copy = b.clone();
                    ByteBuffer.wrap(copy).putInt(at, (int) duration);
                }
            }
        }
        int trun = Boxes.child(b, traf, 0, "trun");
        if (trun >= 0) {
            int flags = (int) (Boxes.u32(b, trun + 8) & 0xFFFFFF);
            int count = (int) Boxes.u32(b, trun + 12);
            int at = trun + 16 + ((flags & 0x01) != 0 ? 4 : 0) + ((flags & 0x04) != 0 ? 4 : 0);
            int perSample = Integer.bitCount(flags & 0xF00) * 4;
            if ((flags & 0x100) != 0) {
                for (int i = 0; i < count; i++) {
                    int field = at + i * perSample;
                    if (Boxes.u32(b, field) == 0) {
                        copy = copy == null ? b.clone() : copy;
                        ByteBuffer.wrap(copy).putInt(field, (int) duration);
                    }
                }
            }
        }
        if (copy == null) {
            return fragment;
        }
        long total = fragment.duration() == 0 ? duration * fragment.sampleCount() : fragment.duration();
        return new Fragment(copy, fragment.trackId(), fragment.decodeTime(), total, fragment.independent(),
                fragment.sampleCount());
    }

    /**
     * A copy of a fragment whose first {@code traf} starts at another decode time ({@code tfdt}), to move
     * one track's fragments onto another source's time line. The box keeps its size: version 1 (64 bits,
     * what ffmpeg and {@link SampleFragment} write) takes any time; version 0 only one that fits 32 bits.
     *
     * @throws Mp4FormatException if the fragment has no tfdt, or the time does not fit its version 0 box
     */
    public static Fragment withDecodeTime(Fragment fragment, long decodeTime) {
        byte[] b = fragment.bytes();
        int traf = Boxes.find(b, Boxes.HEADER, Boxes.size(b, 0), "traf");
        int tfdt = traf < 0 ? -1 : Boxes.child(b, traf, 0, "tfdt");
        if (tfdt < 0) {
            throw new Mp4FormatException("fragment without tfdt");
        }
        if (decodeTime < 0 || b[tfdt + 8] != 1 && decodeTime > 0xFFFF_FFFFL) {
            throw new Mp4FormatException("decode time " + decodeTime + " does not fit the fragment's tfdt");
        }
        byte[] copy = b.clone();
        if (b[tfdt + 8] == 1) {
            ByteBuffer.wrap(copy).putLong(tfdt + 12, decodeTime);
        } else {
            ByteBuffer.wrap(copy).putInt(tfdt + 12, (int) decodeTime);
        }
        return new Fragment(copy, fragment.trackId(), decodeTime, fragment.duration(), fragment.independent(),
                fragment.sampleCount());
    }

    private interface BoxVisitor {
        void visit(int at, int size);
    }

    private static void forEachChild(byte[] b, int parent, BoxVisitor visitor) {
        int end = parent + Boxes.size(b, parent);
        int at = parent + Boxes.HEADER;
        while (at + Boxes.HEADER <= end) {
            int size = Boxes.size(b, at);
            if (at + size > end) {
                throw new Mp4FormatException("box '" + Boxes.type(b, at) + "' runs past its parent");
            }
            visitor.visit(at, size);
            at += size;
        }
    }

    private static int trakId(byte[] b, int trak) {
        int tkhd = Boxes.child(b, trak, 0, "tkhd");
        if (tkhd < 0) {
            throw new Mp4FormatException("trak lacks tkhd");
        }
        return (int) Boxes.u32(b, tkhd + Boxes.HEADER + (b[tkhd + Boxes.HEADER] == 1 ? 20 : 12));
    }

    /** mvex with the trex of the kept tracks only (trex: full box header, then track_ID). */
    private static byte[] mvexOf(byte[] b, int mvex, Set<Integer> trackIds) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        forEachChild(b, mvex, (at, size) -> {
            if (!Boxes.type(b, at).equals("trex") || trackIds.contains((int) Boxes.u32(b, at + 12))) {
                kept.write(b, at, size);
            }
        });
        return boxOf("mvex", kept.toByteArray());
    }

    private static byte[] boxOf(String type, byte[] payload) {
        return ByteBuffer.allocate(Boxes.HEADER + payload.length).putInt(Boxes.HEADER + payload.length)
                .put(type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).put(payload).array();
    }
}
