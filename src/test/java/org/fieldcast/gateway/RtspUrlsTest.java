package org.fieldcast.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RtspUrlsTest {

    private final RtspUrls urls = new RtspUrls("rtsp://127.0.0.1:40123/cam-a", "rtsp://198.51.100.7:30554");

    @Test
    void requestsFromFfmpegGoToTheEndpoint() {
        assertEquals("rtsp://198.51.100.7:30554/?inst=1", urls.toCamera("rtsp://127.0.0.1:40123/cam-a/?inst=1"));
        assertEquals("rtsp://198.51.100.7:30554/?inst=1/trackID=0",
                urls.toCamera("rtsp://127.0.0.1:40123/cam-a/?inst=1/trackID=0"));
        assertEquals("*", urls.toCamera("*"));
    }

    @Test
    void urlsFromTheCameraComeBackUnderTheProxyWhateverAddressTheyName() {
        assertEquals("rtsp://127.0.0.1:40123/cam-a/?inst=1/", urls.toProxy("rtsp://10.20.0.11:554/?inst=1/"),
                "a private Content-Base behind NAT");
        assertEquals("rtsp://127.0.0.1:40123/cam-a/?inst=1", urls.toProxy("rtsp://10.20.0.11/?inst=1"));
        assertEquals("url=rtsp://127.0.0.1:40123/cam-a/?inst=1/trackID=0;seq=1;rtptime=2",
                urls.toProxy("url=rtsp://198.51.100.7:30554/?inst=1/trackID=0;seq=1;rtptime=2"));
        assertEquals("a=control:rtsp://127.0.0.1:40123/cam-a/trackID=1\r\na=control:trackID=2",
                urls.toProxy("a=control:rtsp://[fd00::5]:554/trackID=1\r\na=control:trackID=2"));
    }
}
