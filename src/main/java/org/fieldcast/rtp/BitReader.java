package org.fieldcast.rtp;

/**
 * Reads an RBSP bit by bit, most significant bit first, with the descriptors of ITU-T H.264 7.2:
 * u(n), ue(v) and se(v) (Exp-Golomb, 9.1). Reading past the end is a malformed NAL unit.
 */
final class BitReader {
    private final byte[] bytes;
    private long position;

    BitReader(byte[] rbsp) {
        this.bytes = rbsp;
    }

    /** u(1) */
    boolean flag() {
        return u(1) == 1;
    }

    /** u(n), n up to 32. */
    long u(int n) {
        long value = 0;
        for (int i = 0; i < n; i++) {
            if (position >= 8L * bytes.length) {
                throw new IllegalArgumentException("NAL unit ends inside a syntax element");
            }
            int bit = (bytes[(int) (position >>> 3)] >> (7 - (int) (position & 7))) & 1;
            value = (value << 1) | bit;
            position++;
        }
        return value;
    }

    int u8() {
        return (int) u(8);
    }

    /** ue(v): leadingZeroBits zeros, a one, then leadingZeroBits bits (9.1). */
    int ue() {
        int leadingZeroBits = 0;
        while (u(1) == 0) {
            if (++leadingZeroBits > 31) {
                throw new IllegalArgumentException("Exp-Golomb code longer than 32 bits");
            }
        }
        long codeNum = (1L << leadingZeroBits) - 1 + u(leadingZeroBits);
        if (codeNum > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Exp-Golomb value out of range");
        }
        return (int) codeNum;
    }

    /** se(v): codeNum k maps to (-1)^(k+1) * Ceil(k / 2) (9.1.1). */
    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** rbsp_trailing_bits() (7.3.2.11): rbsp_stop_one_bit, then zero bits to the end. */
    boolean atTrailingBits() {
        long total = 8L * bytes.length;
        if (position >= total || u(1) != 1) {
            return false;
        }
        while (position < total) {
            if (u(1) != 0) {
                return false;
            }
        }
        return true;
    }
}
