package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamPathTest {

    @ParameterizedTest(name = "{0} -> {1} track {2} instance {3}")
    @CsvSource(delimiter = '|', value = {
        "rtsp://127.0.0.1:8554                                   | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/                                  | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/?inst=1                           | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/?inst=2                           | CAMERA    | -1 | 2",
        "rtsp://127.0.0.1:8554/?line=1&inst=1&h26x=4             | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/rtsp_tunnel?p=1&line=1&inst=2&vcd=2&h26x=4 | CAMERA | -1 | 2",
        "rtsp://127.0.0.1:8554//rtsp_tunnel                      | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/video?line=1&inst=1               | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/?inst=1/                          | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/?inst=1/trackID=0                 | CAMERA    | 0 | 1",
        "rtsp://127.0.0.1:8554/?line=1&inst=2&h26x=4/trackID=1   | CAMERA    | 1 | 2",
        "rtsp://127.0.0.1:8554/trackID=0                         | CAMERA    | 0 | 1",
        "rtsp://127.0.0.1:8554?inst=1                            | CAMERA    | -1 | 1",
        "*                                                       | CAMERA    | -1 | 1",
        "rtsp://127.0.0.1:8554/__publish                         | PUBLISH   | -1 | 1",
        "rtsp://127.0.0.1:8554/__publish/streamid=0              | PUBLISH   | 0 | 1",
        "rtsp://127.0.0.1:8554/__publish2/streamid=0             | PUBLISH   | 0 | 2",
        "rtsp://127.0.0.1:8554/?line=2&inst=1                    | NOT_FOUND | -1 | 1",
        "rtsp://127.0.0.1:8554/?inst=3                           | NOT_FOUND | -1 | 1",
        "rtsp://127.0.0.1:8554/?h26x=5                           | NOT_FOUND | -1 | 1",
        "rtsp://127.0.0.1:8554/other                             | NOT_FOUND | -1 | 1",
    })
    void boschUrlForms(String url, StreamPath.Kind kind, int track, int instance) {
        assertEquals(new StreamPath(kind, track, instance), StreamPath.parse(url));
    }

    @Test
    void contentBaseIsTheRequestUrlPlusASlash() {
        assertEquals("rtsp://h:1/?inst=1/", RtspConnection.contentBase("rtsp://h:1/?inst=1"));
        assertEquals("rtsp://h:1/", RtspConnection.contentBase("rtsp://h:1/"));
    }

    @Test
    void transportTakesTheFirstTcpAlternative() {
        assertArrayEquals(new int[] {0, 1}, InterleavedTransport.parse("RTP/AVP/TCP;unicast;interleaved=0-1", 0));
        assertArrayEquals(new int[] {4, 5}, InterleavedTransport.parse("RTP/AVP;unicast;client_port=5000-5001,RTP/AVP/TCP;interleaved=4-5", 0));
        assertArrayEquals(new int[] {2, 3}, InterleavedTransport.parse("rtp/avp/tcp;unicast", 2));
        assertNull(InterleavedTransport.parse("RTP/AVP;unicast;client_port=5000-5001", 0));
        assertNull(InterleavedTransport.parse(null, 0));
    }
}
