package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpVideoTest {

    /** Shaped like a Bosch camera's: video and metadata, relative controls. */
    private static final String BOSCH = String.join("\r\n",
            "v=0", "o=- 0 0 IN IP4 192.168.0.10", "s=LIVE VIEW", "c=IN IP4 0.0.0.0", "t=0 0", "a=control:*",
            "m=video 0 RTP/AVP 35", "a=rtpmap:35 H264/90000",
            "a=fmtp:35 packetization-mode=1;profile-level-id=4d0029;sprop-parameter-sets=Z00AKZpmA8ARPyzUBAQFAAADA+gAAOpgBA==,aO48gA==",
            "a=control:rtsp://192.168.0.10/rtsp_tunnel?inst=1&enableVideo=1/trackID=1",
            "m=application 0 RTP/AVP 107", "a=rtpmap:107 vnd.onvif.metadata/90000",
            "a=control:rtsp://192.168.0.10/rtsp_tunnel?inst=1&enableVideo=1/trackID=2", "");

    @Test
    void findsTheVideoStreamAndItsSetup() {
        SdpVideo v = SdpVideo.parse(BOSCH).orElseThrow();
        assertEquals(35, v.payloadType());
        assertEquals("H264", v.encoding());
        assertEquals(90_000, v.clockRate());
        assertEquals(2, v.mediaCount());
        assertTrue(v.isSetupOf("rtsp://192.168.0.10/rtsp_tunnel?inst=1&enableVideo=1/trackID=1"));
        assertFalse(v.isSetupOf("rtsp://192.168.0.10/rtsp_tunnel?inst=1&enableVideo=1/trackID=2"));
    }

    @Test
    void relativeControlsAndH265() {
        String sdp = "v=0\nm=audio 0 RTP/AVP 0\na=control:trackID=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H265/90000\na=control:trackID=1\n";
        SdpVideo v = SdpVideo.parse(sdp).orElseThrow();
        assertEquals("H265", v.encoding());
        assertTrue(v.isSetupOf("rtsp://cam/stream/trackID=1"));
        assertFalse(v.isSetupOf("rtsp://cam/stream/trackID=0"));
    }

    @Test
    void noVideoNoStream() {
        assertTrue(SdpVideo.parse("v=0\nm=audio 0 RTP/AVP 0\n").isEmpty());
        assertTrue(SdpVideo.parse("garbage").isEmpty());
    }
}
