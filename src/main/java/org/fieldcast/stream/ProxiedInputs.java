package org.fieldcast.stream;

import java.util.Optional;
import java.util.function.Consumer;
import org.fieldcast.gateway.RtspInput;
import org.fieldcast.gateway.RtspInputs;
import org.fieldcast.rtp.VideoRtpTap;
import org.fieldcast.station.CameraConfig;

/** The pulls' inputs as the gateway feature opens them: a loopback RTSP proxy along the camera's route. */
record ProxiedInputs(RtspInputs inputs) implements PullInputs {

    @Override
    public PullInput open(CameraConfig camera) {
        return new Proxied(inputs.open(camera));
    }

    @Override
    public Optional<String> audioLastDescribed(CameraConfig camera) {
        return inputs.audioLastDescribed(camera);
    }

    private record Proxied(RtspInput input) implements PullInput {
        @Override
        public String url() {
            return input.url();
        }

        @Override
        public Optional<String> failure() {
            return input.failure();
        }

        @Override
        public Optional<VideoRtpTap> videoTap() {
            return Optional.of(input.videoTap());
        }

        @Override
        public void onDescribed(Consumer<String> listener) {
            input.onDescribed(listener);
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
