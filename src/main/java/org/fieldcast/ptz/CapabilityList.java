package org.fieldcast.ptz;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Reads the capability list of tag 0xff10 (RCP+ 7.3): magic 0xBABA, version, sections of typed
 * elements, all big-endian. Only what Fieldcast uses: the number of virtual inputs.
 */
final class CapabilityList {
    private static final int MAGIC = 0xBABA;
    private static final int SECTION_IO = 0x0004;
    private static final int IO_VIRTUAL_INPUT = 3;

    private CapabilityList() {
    }

    /** Virtual inputs listed in the I/O section; -1 when the list cannot be read. */
    static int virtualInputs(byte[] list) {
        try {
            ByteBuffer b = ByteBuffer.wrap(list);
            if ((b.getShort() & 0xffff) != MAGIC) {
                return -1;
            }
            b.getShort(); // version
            int sections = b.getShort() & 0xffff;
            int count = 0;
            for (int s = 0; s < sections; s++) {
                int start = b.position();
                int type = b.getShort() & 0xffff;
                int size = b.getShort() & 0xffff;
                int elements = b.getShort() & 0xffff;
                if (type == SECTION_IO) {
                    for (int e = 0; e < elements; e++) {
                        int kind = b.getShort() & 0xffff;
                        b.getShort(); // id
                        if (kind == IO_VIRTUAL_INPUT) {
                            count++;
                        }
                    }
                }
                b.position(start + size); // sectionSize includes its 6-byte header
            }
            return count;
        } catch (BufferUnderflowException | IllegalArgumentException malformed) {
            return -1;
        }
    }
}
