package org.fieldcast.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AvcSpsRewriteTest {
    static final String INBAND = "/fmp4/testsrc-160x90-25fps-5frames-inband-sps.mp4";
    private static final byte[] TAIL = {0x11, 0x22, 0x33};
    /** A change of length, so that every size that depends on the SPS must follow. */
    private static final UnaryOperator<byte[]> LONGER = sps -> concat(sps, TAIL);
    private static final UnaryOperator<byte[]> SHORTER = sps -> Arrays.copyOf(sps, sps.length - TAIL.length);
    private static final String[] AVC_C_PATH = {"moov", "trak", "mdia", "minf", "stbl", "stsd", "avc1", "avcC"};

    @Test
    void growsTheAvcCAndEveryBoxAroundIt() {
        InitSegment init = Fmp4Fixture.parse(64 * 1024).inits.get(0);
        InitSegment longer = AvcSpsRewrite.inInit(init, LONGER);

        assertEquals(init.bytes().length + TAIL.length, longer.bytes().length);
        int[] before = avcCPath(init.bytes());
        int[] after = avcCPath(longer.bytes());
        for (int i = 0; i < AVC_C_PATH.length; i++) {
            assertEquals(before[i], after[i], AVC_C_PATH[i] + " moved");
            assertEquals(Boxes.size(init.bytes(), before[i]) + TAIL.length, Boxes.size(longer.bytes(), after[i]),
                    AVC_C_PATH[i] + " size");
        }
        assertArrayEquals(concat(sps(init.bytes()), TAIL), sps(longer.bytes()));
        assertEquals(init.tracks(), parseInit(longer.bytes()).tracks());
        assertArrayEquals(init.bytes(), AvcSpsRewrite.inInit(longer, SHORTER).bytes()); // all else byte-identical
    }

    @Test
    void changesNothingWhenTheSpsStaysTheSame() {
        Fmp4Fixture recorded = Fmp4Fixture.parse(INBAND, 64 * 1024);
        InitSegment init = recorded.inits.get(0);
        assertSame(init, AvcSpsRewrite.inInit(init, sps -> sps.clone()));
        for (Fragment f : recorded.fragments) {
            assertSame(f, AvcSpsRewrite.inFragment(f, sps -> sps.clone()));
        }
        assertSame(recorded.fragments.get(1), AvcSpsRewrite.inFragment(recorded.fragments.get(1), LONGER)); // no SPS
    }

    /** ffmpeg's fragment: one sample whose size is the tfhd's default_sample_size; SEI, SPS, PPS, SEI, IDR. */
    @Test
    void rewritesTheInBandSpsOfFfmpegsFragment() {
        Fmp4Fixture recorded = Fmp4Fixture.parse(INBAND, 64 * 1024);
        InitSegment init = recorded.inits.get(0);
        Fragment keyframe = recorded.fragments.get(0);
        List<byte[]> nalUnits = nalUnits(mdatPayload(keyframe.bytes()));
        assertEquals(List.of(6, 7, 8, 6, 5), nalUnits.stream().map(n -> n[0] & 0x1F).toList());
        assertArrayEquals(sps(init.bytes()), nalUnits.get(1));

        Fragment longer = AvcSpsRewrite.inFragment(keyframe, LONGER);

        assertEquals(keyframe.bytes().length + TAIL.length, longer.bytes().length);
        List<byte[]> changed = nalUnits(mdatPayload(longer.bytes()));
        assertEquals(5, changed.size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(i == 1 ? concat(nalUnits.get(i), TAIL) : nalUnits.get(i), changed.get(i));
        }
        Fragment read = parseFragments(init, longer).get(0);
        assertEquals(keyframe.decodeTime(), read.decodeTime());
        assertEquals(keyframe.duration(), read.duration());
        assertTrue(read.independent());
        assertEquals(Boxes.size(keyframe.bytes(), 0), Boxes.size(longer.bytes(), 0), "moof keeps its size");
        assertArrayEquals(keyframe.bytes(), AvcSpsRewrite.inFragment(longer, SHORTER).bytes());
    }

    /** The sub-second path's own fragment: the sample size in the trun. */
    @Test
    void rewritesTheInBandSpsOfASampleFragment() {
        Fmp4Fixture recorded = Fmp4Fixture.parse(INBAND, 64 * 1024);
        InitSegment init = recorded.inits.get(0);
        Fragment ffmpegs = recorded.fragments.get(0);
        byte[] sample = mdatPayload(ffmpegs.bytes());
        Fragment built = SampleFragment.of(3, ffmpegs.trackId(), ffmpegs.decodeTime(), (int) ffmpegs.duration(), true,
                sample);

        Fragment longer = AvcSpsRewrite.inFragment(built, LONGER);

        assertArrayEquals(AvcSpsRewrite.inSample(sample, LONGER), mdatPayload(longer.bytes()));
        assertEquals(sample.length + TAIL.length, mdatPayload(longer.bytes()).length);
        Fragment read = parseFragments(init, longer).get(0);
        assertEquals(built.decodeTime(), read.decodeTime());
        assertArrayEquals(built.bytes(), AvcSpsRewrite.inFragment(longer, SHORTER).bytes());
        // the same as building the fragment from the rewritten sample
        assertArrayEquals(SampleFragment.of(3, ffmpegs.trackId(), ffmpegs.decodeTime(), (int) ffmpegs.duration(), true,
                AvcSpsRewrite.inSample(sample, LONGER)).bytes(), longer.bytes());
    }

    @Test
    void refusesASampleWhoseLengthsRunPastIt() {
        byte[] sample = ByteBuffer.allocate(8).putInt(9).put(new byte[] {0x67, 1, 2, 3}).array();
        assertThrows(Mp4FormatException.class, () -> AvcSpsRewrite.inSample(sample, LONGER));
        byte[] noSps = ByteBuffer.allocate(8).putInt(4).put(new byte[] {0x65, 1, 2, 3}).array();
        assertSame(noSps, AvcSpsRewrite.inSample(noSps, LONGER));
    }

    private static int[] avcCPath(byte[] init) {
        int[] at = new int[AVC_C_PATH.length];
        at[0] = Boxes.find(init, 0, init.length, "moov");
        for (int i = 1; i < AVC_C_PATH.length; i++) {
            // stsd: version, flags and entry_count before its entries; avc1: the visual sample entry fields
            int skip = AVC_C_PATH[i - 1].equals("stsd") ? 8 : AVC_C_PATH[i - 1].equals("avc1") ? 78 : 0;
            at[i] = Boxes.child(init, at[i - 1], skip, AVC_C_PATH[i]);
            assertTrue(at[i] > 0, AVC_C_PATH[i]);
        }
        return at;
    }

    /** The first SPS in the avcC. */
    private static byte[] sps(byte[] init) {
        int avcC = avcCPath(init)[AVC_C_PATH.length - 1];
        int length = Boxes.u16(init, avcC + 8 + 6);
        return Arrays.copyOfRange(init, avcC + 8 + 8, avcC + 8 + 8 + length);
    }

    private static InitSegment parseInit(byte[] bytes) {
        List<InitSegment> inits = new ArrayList<>();
        new Fmp4StreamParser(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment init) {
                inits.add(init);
            }

            @Override
            public void onFragment(Fragment fragment) {
            }
        }).write(bytes, 0, bytes.length);
        return inits.get(0);
    }

    private static List<Fragment> parseFragments(InitSegment init, Fragment fragment) {
        List<Fragment> fragments = new ArrayList<>();
        Fmp4StreamParser parser = new Fmp4StreamParser(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment i) {
            }

            @Override
            public void onFragment(Fragment f) {
                fragments.add(f);
            }
        });
        parser.write(init.bytes(), 0, init.bytes().length);
        parser.write(fragment.bytes(), 0, fragment.bytes().length);
        assertEquals(1, fragments.size());
        return fragments;
    }

    static byte[] mdatPayload(byte[] fragment) {
        int mdat = Boxes.size(fragment, 0);
        assertEquals("mdat", Boxes.type(fragment, mdat));
        assertEquals(fragment.length, mdat + Boxes.size(fragment, mdat));
        return Arrays.copyOfRange(fragment, mdat + 8, fragment.length);
    }

    private static List<byte[]> nalUnits(byte[] sample) {
        List<byte[]> units = new ArrayList<>();
        for (int at = 0; at < sample.length; at += 4 + (int) Boxes.u32(sample, at)) {
            units.add(Arrays.copyOfRange(sample, at + 4, at + 4 + (int) Boxes.u32(sample, at)));
        }
        return units;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
