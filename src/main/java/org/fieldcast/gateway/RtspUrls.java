package org.fieldcast.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps RTSP URLs between the proxy, which ffmpeg talks to, and the camera's endpoint. Towards the
 * camera the proxy's prefix becomes the endpoint; towards ffmpeg every absolute URL the camera
 * sends (Content-Base, RTP-Info, SDP controls) is moved under the proxy's prefix, whatever address
 * it named: a camera behind NAT names its private address, which Fieldcast cannot reach.
 */
final class RtspUrls {

    private static final Pattern ABSOLUTE = Pattern.compile("(?i)rtsp://[^/\\s;,\"?]+");

    private final String proxyBase;
    private final String cameraBase;

    /**
     * @param proxyBase  e.g. {@code rtsp://127.0.0.1:40123/a7-km12-ptz} (no trailing slash)
     * @param cameraBase e.g. {@code rtsp://198.51.100.2:10554} (no trailing slash)
     */
    RtspUrls(String proxyBase, String cameraBase) {
        this.proxyBase = proxyBase;
        this.cameraBase = cameraBase;
    }

    /** A request URI from ffmpeg as the camera must see it; anything not under the proxy passes unchanged. */
    String toCamera(String uri) {
        return uri.regionMatches(true, 0, proxyBase, 0, proxyBase.length())
                ? cameraBase + uri.substring(proxyBase.length()) : uri;
    }

    /** Text from the camera with each absolute RTSP URL moved under the proxy. */
    String toProxy(String text) {
        return ABSOLUTE.matcher(text).replaceAll(Matcher.quoteReplacement(proxyBase));
    }
}
