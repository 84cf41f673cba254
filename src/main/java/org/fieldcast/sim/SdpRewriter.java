package org.fieldcast.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the SDP that ffmpeg announces into the SDP a Bosch camera describes:
 * <ul>
 *   <li>H.264 on RTP payload type 35, which Bosch uses for H.264 (RCP+ 5.2);</li>
 *   <li>an aggregate {@code a=control:*} and relative {@code a=control:trackID=N} per media, which
 *       clients resolve against the Content-Base (the request URL plus a slash);</li>
 *   <li>the camera's name as the session name.</li>
 * </ul>
 */
final class SdpRewriter {
    static final int BOSCH_H264_PAYLOAD_TYPE = 35;

    /**
     * @param text         the SDP for readers, CRLF line ends
     * @param payloadTypes per track, the payload type readers must see, or -1 to keep the publisher's
     */
    record ReaderSdp(String text, int[] payloadTypes) {
        int tracks() {
            return payloadTypes.length;
        }
    }

    private SdpRewriter() {
    }

    static ReaderSdp forReaders(String announced, String sessionName) {
        List<List<String>> sections = splitIntoSections(announced);
        StringBuilder out = new StringBuilder();
        for (String line : sections.get(0)) {
            if (line.startsWith("a=control:")) {
                continue;
            }
            out.append(line.startsWith("s=") ? "s=" + sessionName.replaceAll("[\\r\\n]", " ") : line).append("\r\n");
        }
        out.append("a=control:*\r\n");
        int tracks = sections.size() - 1;
        int[] payloadTypes = new int[tracks];
        for (int t = 0; t < tracks; t++) {
            List<String> media = sections.get(t + 1);
            String h264 = h264PayloadType(media);
            payloadTypes[t] = h264 == null ? -1 : BOSCH_H264_PAYLOAD_TYPE;
            for (String line : media) {
                if (line.startsWith("a=control:")) {
                    continue;
                }
                out.append(h264 == null ? line : renumber(line, h264)).append("\r\n");
            }
            out.append("a=control:trackID=").append(t).append("\r\n");
        }
        return new ReaderSdp(out.toString(), payloadTypes);
    }

    /** Section 0 is the session part; each {@code m=} line starts a new section. */
    private static List<List<String>> splitIntoSections(String sdp) {
        List<List<String>> sections = new ArrayList<>();
        sections.add(new ArrayList<>());
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            sections.get(sections.size() - 1).add(line);
        }
        return sections;
    }

    private static String h264PayloadType(List<String> media) {
        for (String line : media) {
            if (line.startsWith("a=rtpmap:") && line.toUpperCase(Locale.ROOT).contains(" H264/")) {
                return line.substring("a=rtpmap:".length(), line.indexOf(' ')).trim();
            }
        }
        return null;
    }

    private static String renumber(String line, String pt) {
        String bosch = Integer.toString(BOSCH_H264_PAYLOAD_TYPE);
        if (line.startsWith("m=")) {
            String[] f = line.split(" ");
            for (int i = 3; i < f.length; i++) {
                if (f[i].equals(pt)) {
                    f[i] = bosch;
                }
            }
            return String.join(" ", f);
        }
        for (String attribute : new String[] {"a=rtpmap:", "a=fmtp:", "a=rtcp-fb:"}) {
            if (line.startsWith(attribute + pt + " ")) {
                return attribute + bosch + line.substring(attribute.length() + pt.length());
            }
        }
        return line;
    }
}
