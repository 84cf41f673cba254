package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RcpXmlTest {

    @Test
    void unicodeIsSpacedLowerCaseUtf16BeEndingInTwoZeroBytes() {
        String result = RcpXml.result(RcpType.P_UNICODE, RcpReply.ok(new RcpValue.Text("Camera 1")));

        assertEquals("<str>00 43 00 61 00 6d 00 65 00 72 00 61 00 20 00 31 00 00</str>", result);
    }

    @Test
    void flagHasTwoHexDigitsAndDecimal() {
        assertEquals("<hex>0x01</hex><dec>1</dec>", RcpXml.result(RcpType.F_FLAG, RcpReply.ok(RcpValue.flag(true))));
        assertEquals("<hex>0x00</hex><dec>0</dec>", RcpXml.result(RcpType.F_FLAG, RcpReply.ok(RcpValue.flag(false))));
    }

    @Test
    void dwordHasEightHexDigits() {
        assertEquals("<hex>0x00000033</hex><dec>51</dec>", RcpXml.result(RcpType.T_DWORD, RcpReply.ok(new RcpValue.Number(51))));
    }

    @Test
    void octetsCarryTheirLength() {
        String result = RcpXml.result(RcpType.P_OCTET, RcpReply.ok(new RcpValue.Bytes(new byte[] {(byte) 0x81, 0x00, 0x06})));

        assertEquals("<len>3</len><str>81 00 06</str>", result);
    }

    @Test
    void stringIsEscapedText() {
        assertEquals("<str>7.83.0027 &amp; &lt;x&gt;</str>",
                RcpXml.result(RcpType.P_STRING, RcpReply.ok(new RcpValue.Text("7.83.0027 & <x>"))));
    }

    @Test
    void errorsAreTwoDigitHexInErr() {
        assertEquals("<err>0x40</err>", RcpXml.result(RcpType.F_FLAG, RcpReply.fail(RcpError.INVALID_CMD)));
        assertEquals("<err>0xa0</err>", RcpXml.result(null, RcpReply.fail(RcpError.INVALID_AUTH_LEVEL)));
    }

    @Test
    void envelopeEchoesTheRequestInBoschOrder() {
        RcpRequest request = RcpRequest.fromQuery(Map.of("command", "0x0A8B", "type", "F_FLAG", "direction", "WRITE",
                "num", "2", "payload", "1", "idstring", "a<b"));
        String xml = RcpXml.format(request, RcpReply.ok(RcpValue.NONE), AccessLevel.USER, 0x1d2f9);

        assertEquals("""
                <rcp>
                <command><hex>0x0a8b</hex><dec>2699</dec></command>
                <type>F_FLAG</type>
                <direction>WRITE</direction>
                <num>2</num>
                <idstring>a&lt;b</idstring>
                <payload />
                <cltid>0xd2f9</cltid>
                <sessionid>0x00000000</sessionid>
                <auth>1</auth>
                <protocol>TCP</protocol>
                <result></result>
                </rcp>
                """, xml);
    }

    @Test
    void missingDirectionReadsAndMissingNumIsLineOne() {
        RcpRequest request = RcpRequest.fromQuery(Map.of("command", "0x0024", "type", "p_unicode"));

        assertEquals("READ", request.direction());
        assertEquals(1, request.num());
        assertEquals(RcpType.P_UNICODE, request.type());
        assertEquals(0x24, request.command());
        assertTrue(RcpRequest.fromQuery(Map.of("command", "zz")).command() < 0);
    }
}
