package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The simulated dome's side of Bicom 0x09A5, through the camera's tag table as a client reaches it. */
class BicomTagTest {
    private final AtomicLong now = new AtomicLong();
    private final PtzHead head = new PtzHead(now::get);
    private final AtomicBoolean ptz = new AtomicBoolean(true);
    private final AtomicBoolean bicomPresets = new AtomicBoolean(true);
    private final RcpTagTable table = new RcpTagTable(java.time.Clock.systemUTC());

    BicomTagTest() {
        CameraTags.registerPtz(table, new BicomTag(head, ptz::get, bicomPresets::get), ptz::get);
    }

    private RcpReply bicom(String payload) {
        return table.handle(new RcpRequest("0x09a5", 0x09A5, "P_OCTET", RcpType.P_OCTET, true, 1, payload, null), AccessLevel.USER);
    }

    private void seconds(double s) {
        now.addAndGet((long) (s * TimeUnit.SECONDS.toNanos(1)));
    }

    @Test
    void panRightMovesUntilStop() {
        RcpReply moved = bicom("0x8000060110858F0000");
        seconds(1);
        bicom("0x800006011085000000");
        seconds(1);

        assertEquals("<len>0</len><str></str>", RcpXml.result(RcpType.P_OCTET, moved), "flags 0x80: no reply payload");
        assertEquals(90, head.position().pan(), 1e-6);
    }

    @Test
    void presetsStoreAndRecallInBothForms() {
        bicom("0x8000060110858F0000");
        seconds(0.5);
        bicom("0x800006011085000000");
        bicom("0x800006204080"); // store 5
        bicom("0x80000201B08007042E"); // store 46, legacy form
        bicom("0x8000060110850F0000");
        seconds(0.25);
        bicom("0x800006011085000000");

        bicom("0x800006204081"); // recall 5
        seconds(2);
        assertEquals(45, head.position().pan(), 1e-6);
        bicom("0x8000060110850F0000");
        seconds(1);
        bicom("0x80000201B08007052E"); // recall 46
        seconds(2);
        assertEquals(45, head.position().pan(), 1e-6);
    }

    @Test
    void positionReadsAnswerTheHeaderAndRadiansTimesTenThousand() {
        bicom("0x8000060110858F0000");
        seconds(1);
        bicom("0x800006011085000000");

        RcpValue.Bytes reply = (RcpValue.Bytes) bicom("0x810006011201").value();

        int raw = Math.round((float) (Math.toRadians(90) * 10000));
        assertArrayEquals(new byte[] {(byte) 0x81, 0, 6, 1, 0x12, 1, (byte) (raw >> 8), (byte) raw}, reply.data());
    }

    @Test
    void anUnknownObjectIsABicomErrorOrAnErr() {
        RcpValue.Bytes withReply = (RcpValue.Bytes) bicom("0x850006077701").value();
        assertArrayEquals(new byte[] {(byte) 0x85, 0, 6, 0x07, 0x77, 0x6F, 0, 1}, withReply.data());
        assertEquals(RcpError.COMMAND_SPECIFIC, bicom("0x800006077701").error());
        assertEquals(RcpError.PACKET_SIZE, bicom("0x80zz").error());
    }

    @Test
    void withoutPtzEverythingIsRefusedAndTheFlagReadsZero() {
        ptz.set(false);

        assertTrue(bicom("0x8000060110858F0000").failed());
        RcpReply flag = table.handle(new RcpRequest("0x0a51", 0x0a51, "F_FLAG", RcpType.F_FLAG, false, 1, null, null), AccessLevel.USER);
        assertEquals(new RcpValue.Number(0), flag.value());
        seconds(1);
        assertEquals(0, head.position().pan(), 1e-9);
    }

    @Test
    void legacyOnlyDomesRefuseBicomPresets() {
        bicomPresets.set(false);

        assertEquals(RcpError.COMMAND_SPECIFIC, bicom("0x800006200081").error());
        assertTrue(!bicom("0x80000201B080070501").failed());
    }
}
