package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of the RCP+ notes, byte for byte (sections 2.2, 3.1, 3.2, 4.1). */
class BicomTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "pan right full speed,       15,   0,  0, 0x8000060110858F0000",
            "pan left speed 5,           -5,   0,  0, 0x800006011085050000",
            "tilt up speed 15,            0,  15,  0, 0x800006011085008F00",
            "tilt down speed 3,           0,  -3,  0, 0x800006011085000300",
            "diagonal up-right 10 / 6,   10,   6,  0, 0x8000060110858A8600",
            "zoom in fastest,             0,   0,  7, 0x800006011085000087",
            "zoom out speed 2,            0,   0, -2, 0x800006011085000002",
            "stop everything,             0,   0,  0, 0x800006011085000000",
    })
    void continuousMoves(String action, int pan, int tilt, int zoom, String payload) {
        assertEquals(payload, RcpCommand.hexPayload(Bicom.move(new PtzVelocity(pan, tilt, zoom))), action);
    }

    @Test
    void panRightAtFullSpeedIsTheDocumentedUrl() {
        RcpCommand command = RcpCommand.bicom(1, Bicom.move(PtzVelocity.fromUnit(1, 0, 0)));

        assertEquals("command=0x09A5&type=P_OCTET&direction=WRITE&num=1&payload=0x8000060110858F0000", command.query());
    }

    @Test
    void stopIsAllZeros() {
        assertEquals("command=0x09A5&type=P_OCTET&direction=WRITE&num=1&payload=0x800006011085000000",
                RcpCommand.bicom(1, Bicom.move(PtzVelocity.STOP)).query());
    }

    @ParameterizedTest(name = "preset {0}")
    @CsvSource({
            "1,   0x800006200081, 0x800006200080",
            "2,   0x800006201081, 0x800006201080",
            "5,   0x800006204081, 0x800006204080",
            "16,  0x80000620F081, 0x80000620F080",
            "17,  0x800006210081, 0x800006210080",
            "99,  0x800006262081, 0x800006262080",
            "256, 0x8000062FF081, 0x8000062FF080",
    })
    void presetsRecallAndStore(int n, String recall, String store) {
        assertEquals(recall, RcpCommand.hexPayload(Bicom.recallPreset(n)));
        assertEquals(store, RcpCommand.hexPayload(Bicom.storePreset(n)));
    }

    @Test
    void legacyOsrdPresets() {
        assertEquals("0x80000201B08007052E", RcpCommand.hexPayload(Bicom.osrdRecall(46)));
        assertEquals("0x80000201B080070563", RcpCommand.hexPayload(Bicom.osrdRecall(99)));
        assertEquals("0x80000201B080070463", RcpCommand.hexPayload(Bicom.osrdStore(99)));
        assertThrows(IllegalArgumentException.class, () -> Bicom.osrdRecall(100));
    }

    @Test
    void presetsOutsideOneTo256AreRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Bicom.recallPreset(0));
        assertThrows(IllegalArgumentException.class, () -> Bicom.storePreset(257));
        assertTrue(zero.getMessage().contains("between 1 and 256"), zero.getMessage());
    }

    @Test
    void virtualAlarmSetClearAndRead() {
        // RCP+ 4.1 writes the tag in lower case; cameras accept either case (RCP+ 1.2).
        assertEquals("command=0x0a8b&type=F_FLAG&direction=WRITE&num=3&payload=1",
                RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 3, true).query().replace("0x0A8B", "0x0a8b"));
        assertEquals("command=0x0A8B&type=F_FLAG&direction=WRITE&num=3&payload=0",
                RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 3, false).query());
        assertEquals("command=0x0A8B&type=F_FLAG&direction=READ&num=3",
                RcpCommand.read(RcpCommand.VIRTUAL_ALARM_STATE, RcpType.F_FLAG, 3).query());
    }

    @Test
    void positionReadsAskForAReply() {
        assertEquals("0x810006011201", RcpCommand.hexPayload(Bicom.readPan()));
        assertEquals("0x810006011301", RcpCommand.hexPayload(Bicom.readTilt()));
    }

    @Test
    void positionReplyIsRadiansTimesTenThousand() {
        // The captured reply of RCP+ 2.4: f3 d1 = 62417 = 6.2417 rad = 357.6 degrees.
        byte[] reply = RcpReply.parse("<rcp><payload/><result><len>8</len><str>81 00 06 01 12 01 f3 d1</str></result></rcp>").bytes();

        assertEquals(357.63, Bicom.degrees(reply), 0.01);
    }

    @Test
    void aBicomErrorReplyIsRefused() {
        byte[] reply = {(byte) 0x85, 0x00, 0x06, 0x01, 0x10, 0x6F, 0x00, 0x01};

        CameraCommandException e = assertThrows(CameraCommandException.class, () -> Bicom.checkReply(reply));
        assertTrue(e.getMessage().contains("illegal object id"), e.getMessage());
    }
}
