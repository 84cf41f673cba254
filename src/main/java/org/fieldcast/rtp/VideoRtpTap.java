package org.fieldcast.rtp;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the RTSP proxy of one pull shows us of the camera's video: the SDP says which stream is H.264,
 * its SETUP reply says on which interleaved channel it comes, and each media frame on that channel
 * goes to the depacketizer. A failure here never reaches the relay: the tap just goes quiet, and the
 * sub-second path falls back to ffmpeg's fragments.
 * <p>
 * The proxy's threads call {@link #described}, {@link #setUp} and {@link #interleaved}; the pull
 * sets the listener before ffmpeg connects.
 */
public final class VideoRtpTap {
    private static final Logger LOG = Logger.getLogger(VideoRtpTap.class.getName());
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)");

    private final String cameraId;
    private volatile Consumer<AccessUnit> listener;
    private volatile SdpVideo video;
    private volatile int channel = -1;
    private H264Depacketizer depacketizer; // the proxy's camera thread only
    private volatile boolean failed;

    public VideoRtpTap(String cameraId) {
        this.cameraId = cameraId;
    }

    /** Who gets the access units, on the proxy's thread: must not block. */
    public void listen(Consumer<AccessUnit> units) {
        this.listener = units;
    }

    /** The video stream the camera described, if it has one. */
    public Optional<SdpVideo> video() {
        return Optional.ofNullable(video);
    }

    /** The camera's DESCRIBE reply body, before the proxy rewrites its URLs. */
    public void described(String sdp) {
        video = SdpVideo.parse(sdp).orElse(null);
    }

    /** A successful SETUP: the camera-side URL asked for and the Transport the camera answered. */
    public void setUp(String uri, String transport) {
        SdpVideo v = video;
        if (v == null || transport == null || !v.isSetupOf(uri)) {
            return;
        }
        Matcher m = INTERLEAVED.matcher(transport);
        if (m.find()) {
            channel = Integer.parseInt(m.group(1));
        }
    }

    /** One interleaved frame from the camera, header included ({@code $}, channel, 16-bit length). */
    public void interleaved(byte[] frame) {
        if (failed || frame.length < 4 || (frame[1] & 0xFF) != channel) {
            return;
        }
        try {
            if (depacketizer == null) {
                Consumer<AccessUnit> units = listener;
                SdpVideo v = video;
                if (units == null || v == null || !v.encoding().equals("H264")) {
                    failed = true; // nothing to do for this pull: H.265 goes through ffmpeg's fragments
                    return;
                }
                depacketizer = new H264Depacketizer(v.payloadType(), units);
            }
            depacketizer.accept(frame, 4, frame.length - 4);
        } catch (RuntimeException e) {
            failed = true;
            LOG.log(Level.WARNING, "camera " + cameraId + ": reading its video from RTP failed; the sub-second path"
                    + " takes ffmpeg's fragments instead", e);
        }
    }
}
