package org.fieldcast.rtp;

import java.util.Locale;
import java.util.Optional;

/** The encoding of a session description's first audio stream (RFC 8866 {@code a=rtpmap}, or RFC 3551's static types). */
public final class SdpAudio {

    private SdpAudio() {
    }

    /** E.g. {@code MPEG4-GENERIC}, {@code PCMA}; empty when the session has no audio. */
    public static Optional<String> encoding(String sdp) {
        boolean inAudio = false;
        int payloadType = -1;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                if (inAudio) {
                    break;
                }
                inAudio = line.startsWith("m=audio ");
                String[] fields = line.substring(2).split(" +");
                payloadType = inAudio && fields.length > 3 ? parseInt(fields[3]) : -1;
            } else if (inAudio && line.startsWith("a=rtpmap:" + payloadType + " ")) {
                String encoding = line.substring(line.indexOf(' ') + 1).split("/")[0].trim();
                return Optional.of(encoding.toUpperCase(Locale.ROOT));
            }
        }
        if (!inAudio) {
            return Optional.empty();
        }
        return Optional.of(switch (payloadType) { // static payload types need no rtpmap (RFC 3551 6)
            case 0 -> "PCMU";
            case 8 -> "PCMA";
            case 14 -> "MPA";
            default -> "PT" + payloadType;
        });
    }

    /** AAC, in either of its RTP payload formats (RFC 3640, RFC 6416): what HLS can carry as it is. */
    public static boolean isAac(String encoding) {
        return encoding.equals("MPEG4-GENERIC") || encoding.equals("MP4A-LATM");
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
