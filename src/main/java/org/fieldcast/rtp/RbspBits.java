package org.fieldcast.rtp;

import java.io.ByteArrayOutputStream;

/**
 * The raw byte sequence payload (RBSP) inside a NAL unit (ITU-T H.264 7.3.1, 7.4.1): the NAL unit
 * carries it with an emulation_prevention_three_byte after every two zero bytes that would otherwise
 * be followed by a byte of 0 to 3, so that no start code appears inside a NAL unit.
 */
final class RbspBits {
    private RbspBits() {
    }

    /** The RBSP of {@code nal[from..]}: every emulation_prevention_three_byte removed. */
    static byte[] unescape(byte[] nal, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
        int zeros = 0;
        for (int i = from; i < nal.length; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0; // emulation_prevention_three_byte: not part of the RBSP
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** The NAL unit payload of an RBSP: an emulation_prevention_three_byte wherever 7.4.1 requires one. */
    static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 8);
        int zeros = 0;
        for (byte value : rbsp) {
            int b = value & 0xFF;
            if (zeros >= 2 && b <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }
}
