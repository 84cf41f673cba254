package org.fieldcast.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Fmp4StreamParserTest {

    @Test
    void readsTheInitSegmentsTrack() {
        Fmp4Fixture f = Fmp4Fixture.parse(64 * 1024);
        assertEquals(1, f.inits.size());
        TrackInfo video = f.inits.get(0).leadTrack();
        assertEquals("vide", video.handler());
        assertEquals(1, video.trackId());
        assertEquals(12800, video.timescale());
        assertEquals("avc1.42c00b", video.codec());
        assertEquals(160, video.width());
        assertEquals(90, video.height());
    }

    @Test
    void findsOneFragmentPerFrameWithKeyframesEverySecond() {
        Fmp4Fixture f = Fmp4Fixture.parse(64 * 1024);
        assertEquals(100, f.fragments.size());
        List<Integer> keyframes = IntStream.range(0, 100).filter(i -> f.fragments.get(i).independent()).boxed().toList();
        assertEquals(List.of(0, 25, 50, 75), keyframes);
        for (int i = 0; i < 100; i++) {
            Fragment fr = f.fragments.get(i);
            assertEquals(512, fr.duration(), "frame " + i + " lasts 1/25 s at timescale 12800");
            assertEquals(512L * i, fr.decodeTime(), "frame " + i);
            assertEquals(1, fr.sampleCount());
        }
    }

    @Test
    void splitsTheSameWhateverTheReadSizes() {
        Fmp4Fixture whole = Fmp4Fixture.parse(Integer.MAX_VALUE);
        Fmp4Fixture bytewise = Fmp4Fixture.parse(1);
        Fmp4Fixture odd = Fmp4Fixture.parse(997);
        assertEquals(whole.fragments.size(), bytewise.fragments.size());
        for (int i = 0; i < whole.fragments.size(); i++) {
            assertArrayEquals(whole.fragments.get(i).bytes(), bytewise.fragments.get(i).bytes());
            assertArrayEquals(whole.fragments.get(i).bytes(), odd.fragments.get(i).bytes());
        }
        assertArrayEquals(whole.inits.get(0).bytes(), odd.inits.get(0).bytes());
    }

    @Test
    void fragmentsAndInitAddUpToTheWholeRecording() {
        Fmp4Fixture f = Fmp4Fixture.parse(4096);
        long total = f.inits.get(0).bytes().length + f.fragments.stream().mapToLong(fr -> fr.bytes().length).sum();
        byte[] file = Fmp4Fixture.bytes();
        // The recording was written to a seekable file, so it ends with an mfra index a pipe never carries.
        long mfra = Boxes.u32(file, file.length - 4);
        assertEquals("mfra", Boxes.type(file, file.length - (int) mfra));
        assertEquals(file.length - mfra, total, "nothing lost, nothing added");
    }

    @Test
    void refusesGarbageWithAClearError() {
        Fmp4StreamParser parser = new Fmp4StreamParser(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment init) {
            }

            @Override
            public void onFragment(Fragment fragment) {
            }
        });
        byte[] garbage = "RTSP/1.0 401 Unauthorized\r\n".getBytes();
        Mp4FormatException e = assertThrows(Mp4FormatException.class, () -> parser.write(garbage, 0, garbage.length));
        assertTrue(e.getMessage().contains("unsupported size"), e.getMessage());
    }
}
