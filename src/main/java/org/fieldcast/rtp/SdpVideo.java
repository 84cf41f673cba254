package org.fieldcast.rtp;

import java.util.Locale;
import java.util.Optional;

/**
 * The first video stream of a session description (RFC 8866): its payload type, encoding and clock
 * rate ({@code a=rtpmap}) and its control URL ({@code a=control}), by which its SETUP is recognised.
 *
 * @param mediaCount how many media sections the session has: with one, any SETUP is the video's
 */
public record SdpVideo(int payloadType, String encoding, int clockRate, String control, int mediaCount) {

    public static Optional<SdpVideo> parse(String sdp) {
        int media = 0;
        boolean inVideo = false;
        boolean found = false;
        int payloadType = -1;
        String encoding = null;
        int clockRate = 90_000;
        String control = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                media++;
                inVideo = !found && line.startsWith("m=video ");
                if (inVideo) {
                    found = true;
                    String[] fields = line.substring(2).split(" +");
                    payloadType = fields.length > 3 ? parseInt(fields[3], -1) : -1;
                }
            } else if (inVideo && line.startsWith("a=rtpmap:")) {
                // a=rtpmap:96 H264/90000
                String[] fields = line.substring("a=rtpmap:".length()).split("[ /]");
                if (fields.length >= 2 && parseInt(fields[0], -2) == payloadType) {
                    encoding = fields[1].toUpperCase(Locale.ROOT);
                    clockRate = fields.length > 2 ? parseInt(fields[2], 90_000) : 90_000;
                }
            } else if (inVideo && line.startsWith("a=control:")) {
                control = line.substring("a=control:".length()).trim();
            }
        }
        if (!found || encoding == null) {
            return Optional.empty();
        }
        return Optional.of(new SdpVideo(payloadType, encoding, clockRate, control, media));
    }

    /** Whether a SETUP of this (camera-side) URL sets up this video stream. */
    public boolean isSetupOf(String uri) {
        if (mediaCount == 1) {
            return true;
        }
        if (control == null || control.equals("*") || uri == null) {
            return false;
        }
        return uri.equals(control) || uri.endsWith("/" + control);
    }

    private static int parseInt(String s, int otherwise) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
