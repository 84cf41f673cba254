package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SdpRewriterTest {
    /** What ffmpeg 5.1 announces for one H.264 stream. */
    static final String FFMPEG_ANNOUNCE = """
            v=0
            o=- 0 0 IN IP4 127.0.0.1
            s=No Name
            c=IN IP4 127.0.0.1
            t=0 0
            a=tool:libavformat 59.27.100
            m=video 0 RTP/AVP 96
            b=AS:2000
            a=rtpmap:96 H264/90000
            a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LAHtkCgL/lwFEAAAMAAQAAAwAyDxYuSA==,aMuMsg==; profile-level-id=42C01E
            a=control:streamid=0
            """;

    @Test
    void h264MovesToPayloadType35WithRelativeTrackControls() {
        SdpRewriter.ReaderSdp sdp = SdpRewriter.forReaders(FFMPEG_ANNOUNCE, "Simulated PTZ 1");

        assertEquals("v=0\r\n"
                + "o=- 0 0 IN IP4 127.0.0.1\r\n"
                + "s=Simulated PTZ 1\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "a=tool:libavformat 59.27.100\r\n"
                + "a=control:*\r\n"
                + "m=video 0 RTP/AVP 35\r\n"
                + "b=AS:2000\r\n"
                + "a=rtpmap:35 H264/90000\r\n"
                + "a=fmtp:35 packetization-mode=1; sprop-parameter-sets=Z0LAHtkCgL/lwFEAAAMAAQAAAwAyDxYuSA==,aMuMsg==; profile-level-id=42C01E\r\n"
                + "a=control:trackID=0\r\n", sdp.text());
        assertArrayEquals(new int[] {35}, sdp.payloadTypes());
    }

    @Test
    void otherMediaKeepTheirPayloadTypeAndCountAsTracks() {
        String announce = FFMPEG_ANNOUNCE + "m=audio 0 RTP/AVP 97\na=rtpmap:97 MPEG4-GENERIC/16000/1\na=control:streamid=1\n";

        SdpRewriter.ReaderSdp sdp = SdpRewriter.forReaders(announce, "x");

        assertArrayEquals(new int[] {35, -1}, sdp.payloadTypes());
        assertEquals(true, sdp.text().endsWith("m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/16000/1\r\na=control:trackID=1\r\n"));
    }
}
