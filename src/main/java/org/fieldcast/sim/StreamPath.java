package org.fieldcast.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an RTSP request URL asks for. A Bosch camera answers on {@code /}, {@code /rtsp_tunnel} and
 * {@code /video}, with parameters such as {@code ?line=1&inst=2&h26x=4} (RCP+ 5.2); this camera has
 * one line and two encoder instances of the same picture: {@code inst=1} at the camera's size,
 * {@code inst=2} at {@value #SUB_WIDTH}x{@value #SUB_HEIGHT}, each published by its own encoder
 * ({@code /__publish}, {@code /__publish2}).
 * <p>
 * Clients build track URLs by appending the SDP control to the Content-Base, which gives forms like
 * {@code rtsp://host/?inst=1/trackID=0}: the track suffix is taken off before the query is read.
 *
 * @param track    the track a SETUP names, or -1 for the whole presentation
 * @param instance the encoder instance, {@link #MAIN} or {@link #SUB}
 */
record StreamPath(Kind kind, int track, int instance) {
    static final String PUBLISH_PATH = "/__publish";
    static final int MAIN = 1;
    static final int SUB = 2;
    static final int SUB_WIDTH = 640;
    static final int SUB_HEIGHT = 360;

    enum Kind { CAMERA, PUBLISH, NOT_FOUND }

    private static final Pattern TRACK_SUFFIX = Pattern.compile("/+(?:trackID|streamid)=(\\d+)$");

    static StreamPath parse(String url) {
        if ("*".equals(url)) {
            return new StreamPath(Kind.CAMERA, -1, MAIN);
        }
        String rest = stripSchemeAndAuthority(url);
        int track = -1;
        Matcher m = TRACK_SUFFIX.matcher(rest);
        if (m.find()) {
            track = Integer.parseInt(m.group(1));
            rest = rest.substring(0, m.start());
        }
        int q = rest.indexOf('?');
        String path = normalizePath(q < 0 ? rest : rest.substring(0, q));
        String query = q < 0 ? "" : rest.substring(q + 1);
        if (PUBLISH_PATH.equals(path)) {
            return new StreamPath(Kind.PUBLISH, track, MAIN);
        }
        if ((PUBLISH_PATH + SUB).equals(path)) {
            return new StreamPath(Kind.PUBLISH, track, SUB);
        }
        boolean known = path.equals("/") || path.equals("/rtsp_tunnel") || path.equals("/video");
        Map<String, String> params = params(query);
        return new StreamPath(known && queryServed(params) ? Kind.CAMERA : Kind.NOT_FOUND, track,
                "2".equals(params.get("inst")) ? SUB : MAIN);
    }

    /** Where the encoder of an instance publishes. */
    static String publishPath(int instance) {
        return instance == MAIN ? PUBLISH_PATH : PUBLISH_PATH + instance;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), trimSlashes(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    /** Line 1 only; encoder instance 1 or 2; H.264 only (h26x=4), as other codecs are not simulated. */
    private static boolean queryServed(Map<String, String> params) {
        return "1".equals(params.getOrDefault("line", "1"))
                && (params.getOrDefault("inst", "1").matches("[12]"))
                && "4".equals(params.getOrDefault("h26x", "4"));
    }

    private static String stripSchemeAndAuthority(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int slash = url.indexOf('/', scheme + 3);
        int question = url.indexOf('?', scheme + 3);
        if (slash < 0 || (question >= 0 && question < slash)) {
            return question < 0 ? "/" : "/" + url.substring(question);
        }
        return url.substring(slash);
    }

    /** Collapses {@code //} (some legacy clients send {@code //rtsp_tunnel}) and drops a trailing slash. */
    private static String normalizePath(String path) {
        String p = path.replaceAll("/{2,}", "/");
        p = trimSlashes(p);
        return "/" + p;
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
