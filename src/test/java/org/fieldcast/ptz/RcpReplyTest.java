package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reply parsing (RCP+ 1.4, 1.5), including the formatting a client must not depend on. */
class RcpReplyTest {

    private static final String FLAG = """
            <rcp>
            <command><hex>0x0a8b</hex><dec>2699</dec></command>
            <type>F_FLAG</type>
            <direction>READ</direction>
            <num>1</num>
            <idstring />
            <payload />
            <cltid>0xd2f9</cltid>
            <sessionid>0x00000000</sessionid>
            <auth>1</auth>
            <protocol>TCP</protocol>
            <result><hex>0x01</hex><dec>1</dec></result>
            </rcp>
            """;

    @Test
    void aFlagReadsFromResultNotPayload() {
        RcpReply reply = RcpReply.parse(FLAG);

        assertFalse(reply.failed());
        assertTrue(reply.flag());
        assertEquals(1L, reply.number());
    }

    @Test
    void aDwordReadsItsDecimal() {
        assertEquals(51L, RcpReply.parse("<rcp><result><hex>0x00000033</hex><dec>51</dec></result></rcp>").requireNumber());
    }

    @Test
    void octetsTolerateCaseSpacesAndLineBreaks() {
        RcpReply reply = RcpReply.parse("<?xml version=\"1.0\"?><rcp><payload/><result><len>8</len><str>81 00 06 01\n  12 01 F3 d1 </str></result></rcp>");

        assertArrayEquals(new byte[] {(byte) 0x81, 0, 6, 1, 0x12, 1, (byte) 0xf3, (byte) 0xd1}, reply.bytes());
    }

    @Test
    void anEmptyWriteResultIsASuccess() {
        RcpReply reply = RcpReply.parse("<rcp><payload /><result><len>0</len><str></str></result></rcp>");

        assertFalse(reply.failed());
        assertEquals(0, reply.bytes().length);
    }

    @Test
    void anErrorInsideResult() {
        RcpReply reply = RcpReply.parse(FLAG.replace("<hex>0x01</hex><dec>1</dec>", "<err>0x40</err>"));

        assertTrue(reply.failed());
        assertEquals(0x40, reply.error().getAsInt());
    }

    @Test
    void anErrorDirectlyUnderRcp() {
        assertEquals(0xa0, RcpReply.parse("<rcp><command><hex>0x09a5</hex></command><err>0xA0</err></rcp>").error().getAsInt());
    }

    @Test
    void errorCodesAreNamedForOperators() {
        assertEquals("0x40 INVALID_CMD (unknown or unsupported command)", RcpError.describe(0x40));
        assertTrue(RcpError.describe(0xc0).contains("try again later"));
        assertTrue(RcpError.describe(0xa0).contains("'user'"));
        assertTrue(RcpError.describe(0x33).contains("not a documented"));
    }

    @Test
    void notRcpXmlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RcpReply.parse("<html>401</html"));
        assertThrows(IllegalArgumentException.class, () -> RcpReply.parse("<rcp><payload/></rcp>"));
    }

    @Test
    void doctypesAreRefused() {
        String xxe = "<!DOCTYPE rcp [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rcp><result><str>&x;</str></result></rcp>";

        assertThrows(IllegalArgumentException.class, () -> RcpReply.parse(xxe));
    }
}
