package org.fieldcast.rtp;

import java.io.ByteArrayOutputStream;

/** Writes an RBSP bit by bit with the descriptors {@link BitReader} reads (ITU-T H.264 7.2, 9.1). */
final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bits;

    BitWriter flag(boolean value) {
        return u(1, value ? 1 : 0);
    }

    /** u(n), n up to 32. */
    BitWriter u(int n, long value) {
        for (int i = n - 1; i >= 0; i--) {
            current = (current << 1) | (int) ((value >>> i) & 1);
            if (++bits == 8) {
                out.write(current);
                current = 0;
                bits = 0;
            }
        }
        return this;
    }

    /** ue(v): the one Exp-Golomb code for each value, so writing what was read gives the same bits. */
    BitWriter ue(int value) {
        long codeNum = (value & 0xFFFFFFFFL) + 1;
        int length = 64 - Long.numberOfLeadingZeros(codeNum);
        u(length - 1, 0);
        return u(length, codeNum);
    }

    /** se(v) (9.1.1): positive v is codeNum 2v - 1, otherwise -2v. */
    BitWriter se(int value) {
        return ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    /** rbsp_trailing_bits() (7.3.2.11): rbsp_stop_one_bit and rbsp_alignment_zero_bits; the RBSP ends. */
    byte[] withTrailingBits() {
        u(1, 1);
        while (bits != 0) {
            u(1, 0);
        }
        return out.toByteArray();
    }
}
