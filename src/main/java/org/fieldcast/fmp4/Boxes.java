package org.fieldcast.fmp4;

import java.nio.charset.StandardCharsets;

/**
 * Reading ISO BMFF (MP4) boxes out of a byte array. Written by hand because the few boxes we need
 * (ISO/IEC 14496-12: moov, trak, mdhd, moof, traf, tfhd, tfdt, trun) do not justify a parsing library.
 */
final class Boxes {
    static final int HEADER = 8;

    private Boxes() {
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u64(byte[] b, int at) {
        return (u32(b, at) << 32) | u32(b, at + 4);
    }

    static String type(byte[] b, int at) {
        return new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** Size of the box at {@code at}; 64-bit "largesize" boxes are not produced by ffmpeg's fragments. */
    static int size(byte[] b, int at) {
        long size = u32(b, at);
        if (size < HEADER || size > Integer.MAX_VALUE) {
            throw new Mp4FormatException("box '" + type(b, at) + "' has an unsupported size " + size);
        }
        return (int) size;
    }

    /**
     * Position of the first child box of the given type inside the box region [from, to), or -1.
     */
    static int find(byte[] b, int from, int to, String type) {
        int at = from;
        while (at + HEADER <= to) {
            int size = size(b, at);
            if (at + size > to) {
                throw new Mp4FormatException("box '" + type(b, at) + "' runs past its parent");
            }
            if (type(b, at).equals(type)) {
                return at;
            }
            at += size;
        }
        return -1;
    }

    /** Like {@link #find} inside the payload of the box at {@code parent}, skipping {@code skip} bytes of fields first. */
    static int child(byte[] b, int parent, int skip, String type) {
        return find(b, parent + HEADER + skip, parent + size(b, parent), type);
    }

    /** Follows a path of container boxes, e.g. {@code path(b, moov, "trak", "mdia", "mdhd")}; -1 if any step is missing. */
    static int path(byte[] b, int from, String... types) {
        int at = from;
        for (String t : types) {
            at = child(b, at, 0, t);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}
