package org.fieldcast.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A camera's H.265 passes through as {@code hvc1}, the sample entry Apple's players require. */
class HevcInitTest {

    @Test
    void ffmpegsHev1BecomesHvc1WithCompleteParameterSetArrays() {
        String resource = "/fmp4/testsrc-160x90-25fps-1s-hevc.mp4";
        assertTrue(indexOf(Fmp4Fixture.bytes(resource), "hev1") > 0, "the recording is ffmpeg's default hev1");
        Fmp4Fixture recorded = Fmp4Fixture.parse(resource, 4096);
        List<Fragment> fragments = recorded.fragments;

        InitSegment init = recorded.inits.get(0);
        TrackInfo video = init.leadTrack();
        assertTrue(video.codec().startsWith("hvc1.1."), video.codec());
        byte[] b = init.bytes();
        assertEquals(-1, indexOf(b, "hev1"));
        int hvcC = indexOf(b, "hvcC") - 4;
        int arrays = b[hvcC + 8 + 22] & 0xFF;
        assertTrue(arrays >= 3, "VPS, SPS and PPS at least (x265 adds its SEI): " + arrays);
        int at = hvcC + 8 + 23;
        for (int i = 0; i < arrays; i++) {
            assertEquals(0x80, b[at] & 0x80, "array " + i + " is complete");
            int count = ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
            at += 3;
            for (int n = 0; n < count; n++) {
                at += 2 + (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF));
            }
        }
        assertEquals(25, fragments.size());
        assertTrue(fragments.get(0).independent());
    }

    private static int indexOf(byte[] b, String fourcc) {
        byte[] t = fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= b.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
