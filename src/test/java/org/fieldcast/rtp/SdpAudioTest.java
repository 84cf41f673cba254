package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdpAudioTest {

    @Test
    void readsTheFirstAudioStreamsEncoding() {
        String aac = "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 mpeg4-generic/48000/2\r\na=control:trackID=2\r\n";
        assertEquals(Optional.of("MPEG4-GENERIC"), SdpAudio.encoding(aac));
        assertTrue(SdpAudio.isAac("MPEG4-GENERIC") && SdpAudio.isAac("MP4A-LATM"));
    }

    @Test
    void staticPayloadTypesNeedNoRtpmap() {
        assertEquals(Optional.of("PCMA"), SdpAudio.encoding("v=0\nm=video 0 RTP/AVP 96\nm=audio 0 RTP/AVP 8\na=control:a\n"));
        assertEquals(Optional.of("PCMU"), SdpAudio.encoding("v=0\nm=audio 0 RTP/AVP 0\n"));
        assertFalse(SdpAudio.isAac("PCMA"));
    }

    @Test
    void noAudioNoEncoding() {
        assertEquals(Optional.empty(), SdpAudio.encoding("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"));
    }
}
