package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RcpTagTableTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final FlagBank alarms = new FlagBank(4);
    private final RcpTagTable table = new RcpTagTable(Clock.fixed(NOW, ZoneOffset.UTC));

    RcpTagTableTest() {
        CameraTags.register(table, "Dome 7", "site-ptz-1", true, alarms, new FlagBank(1), new FlagBank(1));
    }

    @Test
    void unitNameReadsTheCameraName() {
        RcpReply reply = table.handle(request("0x0024", "P_UNICODE", "READ", "1", null), AccessLevel.USER);

        assertEquals(new RcpValue.Text("Dome 7"), reply.value());
    }

    @Test
    void ptzAvailableIsOneForAPtzCamera() {
        RcpReply reply = table.handle(request("0x0a51", "F_FLAG", "READ", "1", null), AccessLevel.LIVE);

        assertEquals(new RcpValue.Number(1), reply.value());
    }

    @Test
    void virtualAlarmWritesAndReadsBack() {
        RcpReply set = table.handle(request("0x0a8b", "F_FLAG", "WRITE", "3", "01"), AccessLevel.USER);

        assertFalse(set.failed());
        assertTrue(alarms.get(3));
        assertEquals(new RcpValue.Number(1), table.handle(request("0x0A8B", "F_FLAG", "READ", "3", null), AccessLevel.USER).value());
        table.handle(request("0x0a8b", "F_FLAG", "WRITE", "3", "0"), AccessLevel.USER);
        assertFalse(alarms.get(3));
    }

    @Test
    void theCameraChecksComeBeforeTheTag() {
        assertEquals(RcpError.INVALID_CMD, table.handle(request("0x7777", "F_FLAG", "READ", "1", null), AccessLevel.USER).error());
        assertEquals(RcpError.INVALID_DATA_TYPE, table.handle(request("0x0024", "P_STRING", "READ", "1", null), AccessLevel.USER).error());
        assertEquals(RcpError.INVALID_ACCESS_TYPE, table.handle(request("0x0024", "P_UNICODE", "WRITE", "1", "0x00"), AccessLevel.SERVICE).error());
        assertEquals(RcpError.INVALID_AUTH_LEVEL, table.handle(request("0x0a8b", "F_FLAG", "WRITE", "1", "1"), AccessLevel.LIVE).error());
        assertFalse(alarms.get(1));
    }

    @Test
    void alarmNumbersOutsideOneToFourFail() {
        assertTrue(table.handle(request("0x0a8b", "F_FLAG", "READ", "5", null), AccessLevel.USER).failed());
        assertTrue(table.handle(request("0x0a8b", "F_FLAG", "WRITE", "0", "1"), AccessLevel.USER).failed());
        assertTrue(table.handle(request("0x0a8b", "F_FLAG", "WRITE", "1", "7"), AccessLevel.USER).failed());
    }

    @Test
    void everyRequestIsTracedWithItsOutcome() {
        table.handle(request("0x0024", "P_UNICODE", "READ", "1", null), AccessLevel.USER);
        table.handle(request("0x0a8b", "F_FLAG", "WRITE", "2", "1"), AccessLevel.LIVE);

        List<RcpRequestTrace> trace = table.trace();
        assertEquals(2, trace.size());
        assertEquals(new RcpRequestTrace(NOW, 0x24, "P_UNICODE", "READ", 1, null, 0), trace.get(0));
        assertEquals(new RcpRequestTrace(NOW, 0x0a8b, "F_FLAG", "WRITE", 2, "1", 0xa0), trace.get(1));
    }

    @Test
    void capabilityListHasTheBoschLayout() {
        byte[] caps = CameraTags.capabilityList(1, 2, 0);

        assertArrayEquals(bytes(
                0xba, 0xba, 0x00, 0x01, 0x00, 0x02,
                0x00, 0x01, 0x00, 0x10, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x01, 0x00, 0x00,
                0x00, 0x04, 0x00, 0x12, 0x00, 0x03, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02),
                caps);
        assertNull(table.handle(request("0xff10", "P_OCTET", "READ", "1", null), AccessLevel.USER).error());
    }

    private static RcpRequest request(String command, String type, String direction, String num, String payload) {
        Map<String, String> q = new HashMap<>(Map.of("command", command, "type", type, "direction", direction, "num", num));
        if (payload != null) {
            q.put("payload", payload);
        }
        return RcpRequest.fromQuery(q);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
