package org.fieldcast.stream;

import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.fieldcast.ffmpeg.AudioPlan;
import org.fieldcast.ffmpeg.FfmpegCommand;
import org.fieldcast.ffmpeg.FfmpegExit;
import org.fieldcast.ffmpeg.FfmpegRun;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.rtp.SdpAudio;
import org.fieldcast.station.AudioMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.VideoMode;

/**
 * Starts camera pulls: opens the run's input (a URL without credentials), plans its audio, assembles
 * the ffmpeg command from {@link PullProfile} and starts it. Holds nothing of a run: the stream owns it.
 */
final class Pulls {
    /**
     * After ffmpeg exits Jaffree waits this long for its pipe helper. One that never opened its output
     * (camera unreachable) would otherwise hold the failure back for Jaffree's default 10 s.
     */
    static final Duration EXIT_REPORT = Duration.ofSeconds(1);

    private final PullInputs inputs;
    private final FfmpegRuns runs;
    private final PullProfile profile;

    Pulls(PullInputs inputs, FfmpegRuns runs, PullProfile profile) {
        this.inputs = inputs;
        this.runs = runs;
        this.profile = profile;
    }

    /**
     * @param media  gets the run's fMP4, and in {@link VideoMode#COPY} the proxy's RTP pictures
     * @param onAac  told, on the proxy's thread, when a camera not described since start turns out to send
     *               AAC: this run has only just asked, and makes way for one that keeps the audio
     * @param onExit told when the run has ended and its input is closed, the proxy's reason among its stderr
     * @throws RuntimeException when the input does not open (no route, a password that does not decrypt)
     */
    FfmpegRun start(CameraConfig camera, int generation, MediaFanOut media, Runnable onAac, Consumer<FfmpegExit> onExit) {
        PullInput input = inputs.open(camera);
        if (camera.videoMode() == VideoMode.COPY) {
            input.videoTap().ifPresent(media::takeVideoFrom); // the camera's pictures are the ones ffmpeg's init describes
        }
        Optional<String> described = inputs.audioLastDescribed(camera);
        if (camera.audioMode() == AudioMode.AUTO && described.isEmpty()) {
            input.onDescribed(sdp -> SdpAudio.encoding(sdp).filter(SdpAudio::isAac).ifPresent(aac -> onAac.run()));
        }
        FfmpegRun run = runs.start(command(camera, input.url(), profile, audioPlan(camera, described), media), generation);
        run.exit().thenAccept(exit -> {
            input.failure().ifPresent(exit.stderr()::add); // why the camera did not answer; ffmpeg saw only the proxy's 5XX
            input.close();
            onExit.accept(exit);
        });
        return run;
    }

    /**
     * AAC is copied when the camera described it last time; other audio only when the station asks for AAC.
     *
     * @param lastDescribed the camera's last described audio encoding, see {@link PullInputs#audioLastDescribed}
     */
    static AudioPlan audioPlan(CameraConfig camera, Optional<String> lastDescribed) {
        return switch (camera.audioMode()) {
            case NONE -> AudioPlan.NONE;
            case AAC -> AudioPlan.AAC;
            case AUTO -> lastDescribed.filter(SdpAudio::isAac).isPresent() ? AudioPlan.COPY : AudioPlan.NONE;
        };
    }

    static FfmpegCommand command(CameraConfig camera, String inputUrl, PullProfile profile, AudioPlan audio,
                                 Fmp4StreamParser.Listener media) {
        return FfmpegCommand.named(camera.id())
                .input(FfmpegCommand.withArguments(UrlInput.fromUrl(inputUrl), profile.inputArguments()))
                .output(FfmpegCommand.withArguments(PipeOutput.pumpTo(new Fmp4StreamParser(media)).setFormat("mp4"),
                        profile.outputArguments(camera.videoMode(), audio)))
                .overwriteOutput()
                .exitReportedWithin(EXIT_REPORT);
    }
}
