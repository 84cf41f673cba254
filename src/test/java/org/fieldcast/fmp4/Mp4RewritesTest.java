package org.fieldcast.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4RewritesTest {
    static final String WITH_AUDIO = "/fmp4/testsrc-160x90-25fps-1s-aac.mp4";

    @Test
    void theFixtureHasVideoAndAudio() {
        InitSegment init = Fmp4Fixture.parse(WITH_AUDIO, 4096).inits.get(0);
        assertEquals(List.of("vide", "soun"), init.tracks().stream().map(TrackInfo::handler).toList());
    }

    @Test
    void aVideoOnlyInitKeepsTheVideoTrakAndTrexByteForByteAndDropsTheAudio() {
        InitSegment full = Fmp4Fixture.parse(WITH_AUDIO, 4096).inits.get(0);
        TrackInfo video = full.leadTrack();

        InitSegment only = Mp4Rewrites.onlyTracks(full, Set.of(video.trackId()));

        assertEquals(List.of(video), only.tracks(), "parsed back: the video track alone, with its trex defaults");
        byte[] b = only.bytes();
        int ftypSize = Boxes.size(b, 0);
        assertArrayEquals(java.util.Arrays.copyOf(full.bytes(), ftypSize), java.util.Arrays.copyOf(b, ftypSize), "ftyp as it was");
        int moov = ftypSize;
        assertEquals("moov", Boxes.type(b, moov));
        assertEquals(b.length - ftypSize, Boxes.size(b, moov), "moov's size covers exactly its children");
        List<String> before = new ArrayList<>(children(full.bytes(), moov));
        before.remove(before.lastIndexOf("trak"));
        assertEquals(before, children(b, moov), "the second (audio) trak left out, the rest (mvhd, mvex, udta) kept");
        int mvex = Boxes.child(b, moov, 0, "mvex");
        assertEquals(List.of("trex"), children(b, mvex));
        assertEquals(video.trackId(), Boxes.u32(b, mvex + Boxes.HEADER + 12), "the trex of the video track");
        byte[] fullBytes = full.bytes();
        int fullTrak = Boxes.child(fullBytes, Boxes.find(fullBytes, ftypSize, fullBytes.length, "moov"), 0, "trak");
        int trak = Boxes.child(b, moov, 0, "trak");
        assertArrayEquals(java.util.Arrays.copyOfRange(fullBytes, fullTrak, fullTrak + Boxes.size(fullBytes, fullTrak)),
                java.util.Arrays.copyOfRange(b, trak, trak + Boxes.size(b, trak)), "the video trak unchanged");
    }

    @Test
    void aTrackListNamingNoTrackOfTheInitIsRefused() {
        InitSegment full = Fmp4Fixture.parse(WITH_AUDIO, 4096).inits.get(0);
        assertThrows(Mp4FormatException.class, () -> Mp4Rewrites.onlyTracks(full, Set.of(9)));
    }

    @Test
    void theVideoOnlyInitAndTheVideoFragmentsDecodeWithFfprobe(@TempDir Path dir) throws Exception {
        Fmp4Fixture f = Fmp4Fixture.parse(WITH_AUDIO, 4096);
        TrackInfo video = f.inits.get(0).leadTrack();
        InitSegment only = Mp4Rewrites.onlyTracks(f.inits.get(0), Set.of(video.trackId()));
        Path file = dir.resolve("video-only.mp4");
        List<byte[]> parts = new ArrayList<>(List.of(only.bytes()));
        f.fragments.stream().filter(x -> x.trackId() == video.trackId()).forEach(x -> parts.add(x.bytes()));
        try (var out = Files.newOutputStream(file)) {
            for (byte[] p : parts) {
                out.write(p);
            }
        }
        Path original = dir.resolve("original.mp4");
        Files.write(original, Fmp4Fixture.bytes(WITH_AUDIO));
        String videoOfOriginal = ffprobe(original).lines().filter(l -> l.startsWith("h264,video,")).findFirst().orElseThrow();

        assertEquals(videoOfOriginal, ffprobe(file).trim(), "one stream: the original's video, every picture decoded");
        assertTrue(Integer.parseInt(videoOfOriginal.split(",")[2]) > 20, videoOfOriginal);
    }

    @Test
    void aFragmentWithoutDurationGetsTheGivenOneAndOthersStayAsTheyAre() {
        Fragment first = SampleFragment.of(1, 1, 9000, 0, true, new byte[] {0, 0, 0, 1, 0x65});
        Fragment patched = Mp4Rewrites.withDuration(first, 512);

        Fragment reread = Mp4Fragments.read(patched.bytes(), Boxes.size(patched.bytes(), 0), init());
        assertEquals(512, reread.duration());
        assertEquals(512, patched.duration());
        assertEquals(9000, reread.decodeTime());
        assertTrue(reread.independent());
        assertEquals(0, Mp4Fragments.read(first.bytes(), Boxes.size(first.bytes(), 0), init()).duration(), "the original is not changed");

        Fragment timed = SampleFragment.of(2, 1, 9512, 500, false, new byte[] {0, 0, 0, 1, 0x41});
        assertSame(timed, Mp4Rewrites.withDuration(timed, 512));
    }

    @Test
    void anAudioFragmentMovesToAnotherDecodeTimeAndKeepsEverythingElse() {
        Fmp4Fixture f = Fmp4Fixture.parse(WITH_AUDIO, 4096);
        InitSegment init = f.inits.get(0);
        Fragment audio = f.fragments.stream().filter(x -> x.trackId() == init.tracks().get(1).trackId()).findFirst()
                .orElseThrow();
        long moved = audio.decodeTime() + 5_000_000_000L; // beyond 32 bits, as RTP times in a 48 kHz timescale are

        Fragment shifted = Mp4Rewrites.withDecodeTime(audio, moved);

        Fragment reread = Mp4Fragments.read(shifted.bytes(), Boxes.size(shifted.bytes(), 0), init);
        assertEquals(moved, reread.decodeTime());
        assertEquals(moved, shifted.decodeTime());
        assertEquals(audio.duration(), reread.duration());
        assertEquals(audio.bytes().length, shifted.bytes().length);
        assertEquals(audio.decodeTime(), Mp4Fragments.read(audio.bytes(), Boxes.size(audio.bytes(), 0), init).decodeTime(),
                "the original is not changed");
    }

    @Test
    void aTimeThatDoesNotFitAVersion0TfdtIsRefused() {
        byte[] b = SampleFragment.of(1, 1, 9000, 512, true, new byte[] {0, 0, 0, 1, 0x65}).bytes();
        int tfdt = Boxes.child(b, Boxes.find(b, Boxes.HEADER, Boxes.size(b, 0), "traf"), 0, "tfdt");
        b[tfdt + 8] = 0; // version 0: 32 bits, the time read from its first half
        Fragment v0 = new Fragment(b, 1, 0, 512, true, 1);
        assertEquals(7, Mp4Fragments.read(Mp4Rewrites.withDecodeTime(v0, 7).bytes(), Boxes.size(b, 0), init()).decodeTime());
        assertThrows(Mp4FormatException.class, () -> Mp4Rewrites.withDecodeTime(v0, 1L << 32));
        assertThrows(Mp4FormatException.class, () -> Mp4Rewrites.withDecodeTime(v0, -1));
    }

    private static InitSegment init() {
        return new InitSegment(new byte[0], List.of(new TrackInfo(1, "vide", 12800, "avc1", 160, 90, 0, 0)));
    }

    private static List<String> children(byte[] b, int parent) {
        List<String> types = new ArrayList<>();
        for (int at = parent + Boxes.HEADER; at < parent + Boxes.size(b, parent); at += Boxes.size(b, at)) {
            types.add(Boxes.type(b, at));
        }
        return types;
    }

    private static String ffprobe(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(org.fieldcast.ffmpeg.FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffprobe").toString(), "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,codec_type,nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
