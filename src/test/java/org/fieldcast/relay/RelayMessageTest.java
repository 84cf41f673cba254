package org.fieldcast.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RelayMessageTest {

    /** The layout every node reads: type, generation, sequence, payload. */
    @Test
    void aMessageIsWrittenInTheDocumentedLayout() {
        byte[] encoded = new RelayMessage(RelayMessage.Type.TAP_FRAGMENT, 3, 258, new byte[] {(byte) 0xAB, 0x01}).encode();
        assertEquals("03" + "0000000000000003" + "0000000000000102" + "ab01", HexFormat.of().formatHex(encoded));
        RelayMessage back = RelayMessage.decode(encoded);
        assertEquals(RelayMessage.Type.TAP_FRAGMENT, back.type());
        assertEquals(3, back.generation());
        assertEquals(258, back.sequence());
        assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, back.payload());
    }

    @Test
    void everyTypeHasItsCode() {
        assertEquals("0102030405", HexFormat.of().formatHex(new byte[] {
                RelayMessage.Type.TIMELINE.code(), RelayMessage.Type.TAP_INIT.code(), RelayMessage.Type.TAP_FRAGMENT.code(),
                RelayMessage.Type.SNAPSHOT.code(), RelayMessage.Type.SNAPSHOT_REQUEST.code()}));
    }

    @Test
    void whatIsNotAMessageIsRefused() {
        assertThrows(RelayMessage.RelayFormatException.class, () -> RelayMessage.decode(new byte[16]));
        byte[] unknownType = new byte[17];
        unknownType[0] = 9;
        assertThrows(RelayMessage.RelayFormatException.class, () -> RelayMessage.decode(unknownType));
        assertThrows(RelayMessage.RelayFormatException.class, () -> RelayMessage.decode(null));
    }
}
