package org.fieldcast.sim;

import java.util.Locale;

/** Reads the interleaved channels out of an RTSP {@code Transport} header (RFC 2326 12.39). */
final class InterleavedTransport {
    private InterleavedTransport() {
    }

    /**
     * @param transport    the header; a client may list alternatives separated by commas
     * @param defaultFirst channel to use when the TCP alternative names none
     * @return the RTP and RTCP channels of the first TCP alternative, or null when there is none
     */
    static int[] parse(String transport, int defaultFirst) {
        if (transport == null) {
            return null;
        }
        for (String alternative : transport.split(",")) {
            String[] fields = alternative.trim().split(";");
            if (!fields[0].trim().toUpperCase(Locale.ROOT).equals("RTP/AVP/TCP")) {
                continue;
            }
            for (String field : fields) {
                String f = field.trim();
                if (f.regionMatches(true, 0, "interleaved=", 0, 12)) {
                    return channels(f.substring(12));
                }
            }
            return new int[] {defaultFirst, defaultFirst + 1};
        }
        return null;
    }

    private static int[] channels(String range) {
        try {
            int dash = range.indexOf('-');
            int rtp = Integer.parseInt((dash < 0 ? range : range.substring(0, dash)).trim());
            int rtcp = dash < 0 ? rtp + 1 : Integer.parseInt(range.substring(dash + 1).trim());
            if (rtp < 0 || rtp > 255 || rtcp < 0 || rtcp > 255) {
                return null;
            }
            return new int[] {rtp, rtcp};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
