package org.fieldcast.sim;

import com.github.kokorin.jaffree.LogLevel;
import com.github.kokorin.jaffree.StreamType;
import com.github.kokorin.jaffree.ffmpeg.PipeInput;
import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldcast.ffmpeg.FfmpegCommand;

/**
 * The ffmpeg command line of one simulated camera: a test pattern with the camera's name and a wall
 * clock, encoded like a camera (H.264, 1 s GOP, no B-frames) and published to the camera's own RTSP
 * server, plus JPEG snapshots on a pipe.
 */
final class PictureCommand {
    static final Path FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private PictureCommand() {
    }

    /** The URL the encoder publishes to; unique per camera, so it also identifies its process. */
    static String publishUrl(int rtspPort) {
        return publishUrl(rtspPort, StreamPath.MAIN);
    }

    /** The URL the encoder of one instance publishes to. */
    static String publishUrl(int rtspPort, int instance) {
        return "rtsp://127.0.0.1:" + rtspPort + StreamPath.publishPath(instance);
    }

    /** The test pattern's command: its arguments can be read back without running it. */
    static FfmpegCommand configure(SimulatedCameraSpec spec, int rtspPort, OutputStream jpegSink) {
        return configure(spec, rtspPort, StreamPath.MAIN, jpegSink);
    }

    /**
     * @param spec     the picture of this instance ({@link #substream} for the second)
     * @param jpegSink where the snapshots go; null for none (the second instance: {@code /snap.jpg} is the first's)
     */
    static FfmpegCommand configure(SimulatedCameraSpec spec, int rtspPort, int instance, OutputStream jpegSink) {
        boolean audio = spec.audio() && instance == StreamPath.MAIN;
        // With audio, one graph makes picture and tone together, so they leave interleaved in time order; two
        // inputs read apart make ffmpeg's RTSP writer hold the picture back for the audio, in bursts.
        String graph = sourceGraph(spec, Files.isReadable(FONT))
                + (audio ? "[out0];sine=frequency=440:sample_rate=48000:samples_per_frame=1024[out1]" : "");
        FfmpegCommand command = FfmpegCommand.named("sim-" + spec.id() + (instance == StreamPath.MAIN ? "" : "-inst" + instance))
                .logLevel(LogLevel.WARNING) // keep the log to problems; no progress line every half second
                .input(UrlInput.fromUrl(graph)
                        .setFormat("lavfi") // the picture is a filter graph, not a file or a device
                        .setReadAtFrameRate(true)); // -re: produce frames at the real rate, like a live camera
        UrlOutput live = liveOutput(spec, rtspPort, instance);
        if (audio) {
            live.addMap(0, StreamType.VIDEO).addMap(0, StreamType.AUDIO) // the picture, then the tone (440 Hz)
                    .setCodec(StreamType.AUDIO, "aac") // AAC-LC, what cameras with a microphone send
                    .addArguments("-b:a", "64k") // a camera's usual audio rate
                    // One AAC frame per RTP packet, as cameras send it: ffmpeg's RTSP reader gives every frame
                    // of a packet holding several the packet's one timestamp, and its audio would stutter.
                    .addArguments("-max_delay", "0");
        }
        command.output(live);
        // Two snapshots a second are fresh enough; thinning first keeps the rest cheap.
        // JPEG means full-range YUV, so convert the range rather than use the deprecated yuvj formats.
        if (jpegSink == null) {
            return command;
        }
        PipeOutput snapshots = snapshotOutput(jpegSink, "fps=2,scale=out_range=full");
        return command.output(audio ? snapshots.addMap(0, StreamType.VIDEO) : snapshots); // pictures only
    }

    /**
     * The second encoder instance's picture: the same scene at {@value StreamPath#SUB_WIDTH}x{@value
     * StreamPath#SUB_HEIGHT}, a quarter of the bit rate, as a camera's low-resolution stream.
     */
    static SimulatedCameraSpec substream(SimulatedCameraSpec spec) {
        return spec.withPicture(StreamPath.SUB_WIDTH, StreamPath.SUB_HEIGHT, spec.fps(), Math.max(100, spec.bitrateKbps() / 4));
    }

    /**
     * A PTZ dome's picture: raw frames from {@link PtzFrames} (made in Java, where the dome points),
     * scaled to the camera's size, then the name, clock and latency ruler drawn on top, so that they
     * stay fixed on screen while the view moves. Split once for the stream and the snapshots.
     *
     * @param renderWidth  width of the frames {@code frames} makes (see {@link #renderSize})
     */
    static FfmpegCommand configurePtz(SimulatedCameraSpec spec, int rtspPort, PtzFrames frames,
            int renderWidth, int renderHeight, OutputStream jpegSink) {
        return configurePtz(spec, rtspPort, StreamPath.MAIN, frames, renderWidth, renderHeight, jpegSink);
    }

    /** @param jpegSink where the snapshots go; null for none (the second instance) */
    static FfmpegCommand configurePtz(SimulatedCameraSpec spec, int rtspPort, int instance, PtzFrames frames,
            int renderWidth, int renderHeight, OutputStream jpegSink) {
        // Converted to yuv420p at the small size first: scaling planar YUV costs less than scaling BGR.
        String scale = renderWidth == spec.width() && renderHeight == spec.height() ? ""
                : ",scale=" + spec.width() + ":" + spec.height() + ":flags=fast_bilinear";
        String picture = "[0:v]format=yuv420p" + scale + "," + overlays(spec, Files.isReadable(FONT));
        if (jpegSink == null) {
            return FfmpegCommand.named("sim-" + spec.id() + "-inst" + instance)
                    .logLevel(LogLevel.WARNING)
                    .input(ptzInput(spec, frames, renderWidth, renderHeight))
                    .complexFilter(picture + "[live]")
                    .output(liveOutput(spec, rtspPort, instance).addMap("live"));
        }
        return FfmpegCommand.named("sim-" + spec.id())
                .logLevel(LogLevel.WARNING)
                .input(ptzInput(spec, frames, renderWidth, renderHeight))
                .complexFilter(picture + ",split=2[live][still];[still]fps=2,scale=out_range=full[jpeg]")
                .output(liveOutput(spec, rtspPort, instance).addMap("live"))
                .output(snapshotOutput(jpegSink, null).addMap("jpeg"));
    }

    private static PipeInput ptzInput(SimulatedCameraSpec spec, PtzFrames frames, int renderWidth, int renderHeight) {
        return PipeInput.pumpFrom(frames, frames.frameSize())
                .setFormat("rawvideo") // bare frames: no container to probe, no delay
                .addArguments("-pixel_format", "bgr24") // Java's TYPE_3BYTE_BGR byte order
                .addArguments("-video_size", renderWidth + "x" + renderHeight)
                .addArguments("-framerate", Integer.toString(spec.fps())); // frames are paced by Java, not -re
    }

    /**
     * The size a dome's frames are made at: the camera's own up to 640 pixels wide, else scaled
     * down with the same shape (even sizes, for yuv420p); ffmpeg scales them back up. Keeps the Java
     * side and the raw pipe cheap at 720p.
     */
    static int[] renderSize(SimulatedCameraSpec spec) {
        if (spec.width() <= 640) {
            return new int[] {spec.width(), spec.height()};
        }
        int h = (int) Math.round(spec.height() * 640.0 / spec.width());
        return new int[] {640, Math.max(16, h & ~1)};
    }

    private static UrlOutput liveOutput(SimulatedCameraSpec spec, int rtspPort, int instance) {
        String kbps = spec.bitrateKbps() + "k";
        return UrlOutput.toUrl(publishUrl(rtspPort, instance))
                .setCodec(StreamType.VIDEO, "libx264") // Bosch cameras stream H.264
                .addArguments("-preset", "ultrafast") // lowest CPU, so many cameras fit on one machine
                .addArguments("-tune", "zerolatency") // no lookahead: frames leave as soon as they are made
                .addArguments("-g", Integer.toString(spec.fps())) // 1 s GOP, as HLS segments follow the GOP
                .addArguments("-keyint_min", Integer.toString(spec.fps())) // and exactly 1 s: no early keyframes
                .addArguments("-sc_threshold", "0") // no extra keyframes at scene cuts
                .addArguments("-bf", "0") // no B-frames, as on cameras streaming live
                .setPixelFormat("yuv420p") // 4:2:0, the only chroma format every player decodes
                .addArguments("-b:v", kbps) // the configured bitrate
                .addArguments("-maxrate", kbps) // capped like a camera's constant-bitrate mode
                .addArguments("-bufsize", kbps) // within a one-second window
                .addArguments("-bsf:v", "dump_extra") // SPS/PPS before every keyframe, as cameras send them in-band
                .addArguments("-rtsp_transport", "tcp") // interleaved on the RTSP connection: nothing to lose
                .setFormat("rtsp"); // ANNOUNCE and RECORD to our own RTSP server
    }

    /** @param filters the output's own filters, or null when a complex filter feeds it */
    private static PipeOutput snapshotOutput(OutputStream jpegSink, String filters) {
        PipeOutput out = PipeOutput.pumpTo(jpegSink);
        if (filters != null) {
            out.addArguments("-vf", filters);
        }
        return out
                .setPixelFormat("yuv420p") // 4:2:0, as camera JPEGs
                .addArguments("-color_range", "pc") // tagged full range, which is what the JPEG carries
                .addArguments("-strict", "unofficial") // ffmpeg 5 wants this to take yuv420p for MJPEG
                .setCodec(StreamType.VIDEO, "mjpeg") // snapshots for /snap.jpg
                .addArguments("-q:v", "5") // good quality at a modest size
                .setFormat("image2pipe"); // concatenated JPEGs; JpegFrameSplitter cuts them apart
    }

    /**
     * testsrc2 with the camera's name and a wall clock with milliseconds, so a viewer can read the
     * end-to-end latency off the picture, and the same clock as {@link ClockBlocks} for machines.
     * {@code time(0)} is the wall clock when the frame is drawn.
     */
    static String sourceGraph(SimulatedCameraSpec spec, boolean fontAvailable) {
        return "testsrc2=size=" + spec.width() + "x" + spec.height() + ":rate=" + spec.fps() + "," + overlays(spec, fontAvailable);
    }

    /** The camera's name with a millisecond wall clock, then the latency ruler, drawn last. */
    static String overlays(SimulatedCameraSpec spec, boolean fontAvailable) {
        int fontSize = Math.max(10, spec.height() / 14);
        String text = drawtextSafe(spec.name())
                + " %{localtime\\:%H\\\\\\:%M\\\\\\:%S}.%{eif\\:mod(floor(time(0)*1000)\\,1000)\\:d\\:3}";
        return "drawtext=" + (fontAvailable ? "fontfile=" + FONT + ":" : "")
                + "text='" + text + "':fontsize=" + fontSize
                + ":fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6:x=10:y=h-th-16"
                + "," + ClockBlocks.filters(spec.width());
    }

    /**
     * drawtext's text passes three escaping levels (filter graph, option, expansion); names are
     * reduced to characters that need none, rather than escaped three times.
     */
    static String drawtextSafe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9 _.()#/-]", "_");
        return safe.length() > 48 ? safe.substring(0, 48) : safe;
    }
}
