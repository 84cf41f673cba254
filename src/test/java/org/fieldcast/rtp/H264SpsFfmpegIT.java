package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.fmp4.AvcSpsRewrite;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ffmpeg as the independent reader: it decodes every picture of a stream whose SPS was rewritten,
 * and its own SPS parser (the trace_headers bitstream filter) reads the new fields as written.
 */
class H264SpsFfmpegIT {
    private static final int FRAMES = 50;

    @TempDir
    Path dir;

    @Test
    void ffmpegDecodesACameraStreamWhoseSpsGotTheRestriction() throws Exception {
        Path x264 = dir.resolve("x264.h264");
        run(dir.resolve("encode.log"), "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=320x180:rate=25", "-frames:v", Integer.toString(FRAMES), "-c:v", "libx264",
                "-profile:v", "main", "-bf", "0", "-g", "25", "-x264-params", "ref=2", "-f", "h264", x264.toString());
        List<byte[]> nalUnits = annexB(Files.readAllBytes(x264));

        // as cameras send it: a VUI without bitstream_restriction, and no VUI at all
        for (UnaryOperator<byte[]> camera : List.<UnaryOperator<byte[]>>of(Fmp4SpsTest::withoutRestriction,
                sps -> H264Sps.parse(sps).withVui(null).write())) {
            Path before = write("camera.h264", nalUnits, camera);
            Path after = write("rewritten.h264", nalUnits, sps -> H264Sps.withoutReorderDelay(camera.apply(sps)));

            assertTrue(List.of("0", "absent").contains(traced(before, "bitstream_restriction_flag")));
            assertEquals(FRAMES, decodedFrames(before));
            assertEquals("1", traced(after, "bitstream_restriction_flag"));
            assertEquals("0", traced(after, "max_num_reorder_frames"));
            assertEquals("2", traced(after, "max_dec_frame_buffering"));
            assertEquals("15", traced(after, "log2_max_mv_length_vertical"));
            assertEquals(FRAMES, decodedFrames(after));
        }
    }

    /** What the MSE path sends: ffmpeg's init segment and fragments, with the SPS in the avcC and in-band. */
    @Test
    void ffmpegPlaysTheRewrittenFragmentedMp4() throws Exception {
        Fmp4Fixture x264 = Fmp4Fixture.parse(Fmp4SpsTest.INBAND, 64 * 1024);
        InitSegment init = Fmp4Sps.withoutReorderDelay(AvcSpsRewrite.inInit(x264.inits.get(0),
                Fmp4SpsTest::withoutRestriction));
        ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
        mp4.writeBytes(init.bytes());
        for (Fragment f : x264.fragments) {
            mp4.writeBytes(Fmp4Sps.withoutReorderDelay(AvcSpsRewrite.inFragment(f, Fmp4SpsTest::withoutRestriction))
                    .bytes());
        }
        Path file = Files.write(dir.resolve("rewritten.mp4"), mp4.toByteArray());

        assertEquals("0", traced(file, "max_num_reorder_frames"));
        assertEquals(x264.fragments.size(), decodedFrames(file));
    }

    private Path write(String name, List<byte[]> nalUnits, UnaryOperator<byte[]> spsChange) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nalUnits) {
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes(H264Sps.isSps(nal) ? spsChange.apply(nal) : nal);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    /** The value ffmpeg's own SPS parser gives the syntax element, from its first SPS. */
    private String traced(Path stream, String element) throws Exception {
        Path log = dir.resolve("trace.log");
        run(log, "ffmpeg", "-hide_banner", "-nostdin", "-i", stream.toString(), "-c", "copy", "-bsf:v", "trace_headers",
                "-frames:v", "1", "-f", "null", "-");
        Matcher m = Pattern.compile("\\] \\d+\\s+" + element + "\\s+[01]+ = (-?\\d+)")
                .matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "absent";
    }

    /** Decodes the whole stream; fails on any error ffmpeg reports. */
    private int decodedFrames(Path stream) throws Exception {
        Path log = dir.resolve("decode.log");
        run(log, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i", stream.toString(), "-f", "null", "-");
        assertEquals("", Files.readString(log).trim(), "ffmpeg reported errors decoding " + stream.getFileName());
        Path count = dir.resolve("count.log");
        run(count, "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", stream.toString());
        return Integer.parseInt(Files.readString(count).trim());
    }

    /** The NAL units of an Annex B byte stream (B.2: start code 00 00 01, a leading zero byte or not). */
    static List<byte[]> annexB(byte[] stream) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 3 <= stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                starts.add(i + 3);
                i += 2;
            }
        }
        List<byte[]> units = new ArrayList<>();
        for (int n = 0; n < starts.size(); n++) {
            int end = n + 1 < starts.size() ? starts.get(n + 1) - 3 : stream.length;
            while (end > starts.get(n) && stream[end - 1] == 0) {
                end--; // the zero_byte of the next start code, or trailing_zero_8bits
            }
            units.add(java.util.Arrays.copyOfRange(stream, starts.get(n), end));
        }
        return units;
    }

    private static void run(Path log, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }
}
