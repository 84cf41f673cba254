package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JpegProfilesTest {

    @Test
    void parsesTheDocumentedForm() {
        JpegProfiles profiles = JpegProfiles.parse("default=1280x720@25:q5, small=640x360@10:q8");

        assertEquals(new JpegProfile("default", 1280, 720, 25, 5), profiles.resolve(null));
        assertEquals(new JpegProfile("default", 1280, 720, 25, 5), profiles.resolve(""));
        assertEquals(new JpegProfile("small", 640, 360, 10, 8), profiles.resolve("small"));
        assertEquals("small=640x360@10:q8", profiles.resolve("small").toString());
    }

    @Test
    void anUnknownProfileNamesTheKnownOnes() {
        JpegProfiles profiles = JpegProfiles.parse("default=1280x720@25:q5,small=640x360@10:q8");

        UnknownProfileException e = assertThrows(UnknownProfileException.class, () -> profiles.resolve("huge"));
        assertEquals("no JPEG profile 'huge'; configured: default, small", e.getMessage());
    }

    @Test
    void theSetIsBoundedAndNeedsADefault() {
        assertThrows(IllegalArgumentException.class, () -> JpegProfiles.parse("small=640x360@10:q8"));
        assertThrows(IllegalArgumentException.class, () -> JpegProfiles.parse("default=640x360@10:q8,default=320x180@5:q9"));
        StringBuilder nine = new StringBuilder("default=640x360@10:q8");
        for (int i = 1; i <= JpegProfiles.MAX; i++) {
            nine.append(",p").append(i).append("=320x180@5:q9");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JpegProfiles.parse(nine.toString()));
        assertTrue(e.getMessage().contains("at most 8"), e.getMessage());
    }

    @Test
    void rejectsValuesNoTranscoderShouldRun() {
        for (String bad : new String[] {"default=1280x720", "default=1281x720@25:q5", "default=1280x720@0:q5",
                "default=1280x720@61:q5", "default=1280x720@25:q1", "default=1280x720@25:q32", "Default=1280x720@25:q5",
                "default=7680x4320@25:q5", "=1280x720@25:q5"}) {
            assertThrows(IllegalArgumentException.class, () -> JpegProfiles.parse(bad), bad);
        }
    }
}
