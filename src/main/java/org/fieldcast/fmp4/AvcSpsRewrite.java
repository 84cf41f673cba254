package org.fieldcast.fmp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Puts a changed H.264 sequence parameter set where MP4 carries it, everything else byte for byte as
 * it was: in the init segment's avcC (ISO/IEC 14496-15 5.3.3.1, the AVCDecoderConfigurationRecord
 * inside moov/trak/mdia/minf/stbl/stsd/avc1), and in-band in a sample's length-prefixed NAL units
 * (an SPS sent again before an IDR). Every enclosing box's size follows the new length. What the SPS
 * says is not this package's business: the caller gives the change ({@code rtp.H264Sps} knows H.264).
 * <p>
 * Each method returns its argument itself when the change leaves every SPS as it was.
 */
public final class AvcSpsRewrite {
    private static final int VISUAL_SAMPLE_ENTRY_FIELDS = 78;
    private static final int NAL_UNIT_TYPE_SPS = 7;
    /** tr_flags: data-offset-present, sample-size-present (ISO/IEC 14496-12 8.8.8.1). */
    private static final int DATA_OFFSET_PRESENT = 0x01;
    private static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x04;
    private static final int SAMPLE_SIZE_PRESENT = 0x200;
    /** tf_flags: base-data-offset-present; without it (and with default-base-is-moof) offsets count from the moof. */
    private static final int BASE_DATA_OFFSET_PRESENT = 0x01;
    /** tf_flags before default-sample-size-present: sample-description-index, default-sample-duration. */
    private static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x02;
    private static final int DEFAULT_SAMPLE_DURATION_PRESENT = 0x08;
    private static final int DEFAULT_SAMPLE_SIZE_PRESENT = 0x10;

    private AvcSpsRewrite() {
    }

    /** The init segment with {@code change} applied to each SPS of each avc1/avc3 sample entry's avcC. */
    public static InitSegment inInit(InitSegment init, UnaryOperator<byte[]> change) {
        byte[] b = init.bytes();
        int moov = Boxes.find(b, 0, b.length, "moov");
        if (moov < 0) {
            return init;
        }
        byte[] result = b;
        // one trak after another; positions are found again after each change, which moves what follows
        for (int track = 0; ; track++) {
            int trak = nthChild(result, moov, "trak", track);
            if (trak < 0) {
                break;
            }
            int stsd = Boxes.path(result, trak, "mdia", "minf", "stbl", "stsd");
            if (stsd < 0) {
                continue;
            }
            int entry = stsd + Boxes.HEADER + 8; // version, flags, entry_count; then the first sample entry
            if (entry + Boxes.HEADER > stsd + Boxes.size(result, stsd)) {
                continue;
            }
            String format = Boxes.type(result, entry);
            if (!format.equals("avc1") && !format.equals("avc3")) {
                continue;
            }
            int avcC = Boxes.child(result, entry, VISUAL_SAMPLE_ENTRY_FIELDS, "avcC");
            if (avcC < 0) {
                continue;
            }
            byte[] oldConfig = Arrays.copyOfRange(result, avcC, avcC + Boxes.size(result, avcC));
            byte[] newConfig = avcC(oldConfig, change);
            if (newConfig != oldConfig) {
                result = replace(result, avcC, oldConfig.length, newConfig, moov, trak,
                        Boxes.child(result, trak, 0, "mdia"), Boxes.path(result, trak, "mdia", "minf"),
                        Boxes.path(result, trak, "mdia", "minf", "stbl"), stsd, entry);
            }
        }
        return result == b ? init : new InitSegment(result, init.tracks());
    }

    /**
     * The avcC box with its SPS changed: configurationVersion, AVCProfileIndication, profile_compatibility,
     * AVCLevelIndication, lengthSizeMinusOne; numOfSequenceParameterSets, each sequenceParameterSetLength
     * and sequenceParameterSetNALUnit; then the PPS and, for High profiles, chroma_format and the rest,
     * copied as they are. The profile bytes stay: the change must not change the profile.
     */
    private static byte[] avcC(byte[] box, UnaryOperator<byte[]> change) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(box.length + 16);
        int at = Boxes.HEADER + 5;
        if (at >= box.length) {
            return box;
        }
        int numOfSequenceParameterSets = box[at] & 0x1F;
        out.write(box, 0, at + 1);
        at++;
        boolean changed = false;
        for (int i = 0; i < numOfSequenceParameterSets; i++) {
            if (at + 2 > box.length || at + 2 + Boxes.u16(box, at) > box.length) {
                throw new Mp4FormatException("avcC: sequence parameter set runs past the box");
            }
            int length = Boxes.u16(box, at);
            byte[] sps = Arrays.copyOfRange(box, at + 2, at + 2 + length);
            byte[] changedSps = change.apply(sps);
            if (changedSps.length > 0xFFFF) {
                throw new IllegalArgumentException("sequence parameter set longer than avcC can hold");
            }
            changed |= !Arrays.equals(sps, changedSps);
            out.write(changedSps.length >> 8);
            out.write(changedSps.length & 0xFF);
            out.write(changedSps, 0, changedSps.length);
            at += 2 + length;
        }
        if (!changed) {
            return box;
        }
        out.write(box, at, box.length - at);
        byte[] result = out.toByteArray();
        ByteBuffer.wrap(result).putInt(0, result.length);
        return result;
    }

    /**
     * The fragment with {@code change} applied to each SPS NAL unit in its samples (4-byte NAL lengths, as
     * ffmpeg writes them and {@link SampleFragment} takes them), the sample's size and the mdat's size
     * following. The sample size is the trun's sample_size, or the tfhd's default_sample_size for a
     * fragment of one sample (ffmpeg's with {@code frag_every_frame}). The moof keeps its size, so
     * data_offset stays right.
     *
     * @throws Mp4FormatException if the fragment is not one traf with one trun that gives its data_offset,
     *                            over one mdat right after the moof, or if an SPS changes in a sample whose
     *                            size is shared by others (default_sample_size)
     */
    public static Fragment inFragment(Fragment fragment, UnaryOperator<byte[]> change) {
        byte[] b = fragment.bytes();
        if (b.length < Boxes.HEADER || !Boxes.type(b, 0).equals("moof")) {
            throw new Mp4FormatException("fragment does not start with moof");
        }
        int moofSize = Boxes.size(b, 0);
        int mdat = moofSize;
        if (mdat + Boxes.HEADER > b.length || !Boxes.type(b, mdat).equals("mdat")
                || mdat + Boxes.size(b, mdat) > b.length) {
            throw new Mp4FormatException("fragment has no mdat right after its moof");
        }
        int mdatEnd = mdat + Boxes.size(b, mdat);
        int traf = Boxes.child(b, 0, 0, "traf");
        int tfhd = traf < 0 ? -1 : Boxes.child(b, traf, 0, "tfhd");
        int trun = traf < 0 ? -1 : Boxes.child(b, traf, 0, "trun");
        if (tfhd < 0 || trun < 0 || Boxes.find(b, trun + Boxes.size(b, trun), traf + Boxes.size(b, traf), "trun") >= 0
                || Boxes.find(b, traf + Boxes.size(b, traf), moofSize, "traf") >= 0) {
            throw new Mp4FormatException("fragment is not one traf with one trun");
        }
        int tfFlags = (int) (Boxes.u32(b, tfhd + 8) & 0xFFFFFF);
        int trFlags = (int) (Boxes.u32(b, trun + 8) & 0xFFFFFF);
        if ((trFlags & DATA_OFFSET_PRESENT) == 0 || (tfFlags & BASE_DATA_OFFSET_PRESENT) != 0) {
            throw new Mp4FormatException("trun does not give its data_offset from the moof");
        }
        int count = (int) Boxes.u32(b, trun + 12);
        int dataOffset = (int) Boxes.u32(b, trun + 16);
        int fields = trun + 20 + ((trFlags & FIRST_SAMPLE_FLAGS_PRESENT) != 0 ? 4 : 0);
        int perSample = Integer.bitCount(trFlags & 0xF00) * 4;
        if (fields + (long) count * perSample > trun + Boxes.size(b, trun)) {
            throw new Mp4FormatException("trun lists more samples than it holds");
        }
        int defaultSizeField = -1;
        if ((trFlags & SAMPLE_SIZE_PRESENT) == 0) {
            if ((tfFlags & DEFAULT_SAMPLE_SIZE_PRESENT) == 0) {
                throw new Mp4FormatException("neither trun nor tfhd gives the sample size");
            }
            defaultSizeField = tfhd + 16 + ((tfFlags & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0 ? 4 : 0)
                    + ((tfFlags & DEFAULT_SAMPLE_DURATION_PRESENT) != 0 ? 4 : 0);
        }

        if (!holdsSps(b, dataOffset, mdatEnd)) {
            return fragment; // the common case, every picture but a keyframe: nothing copied
        }
        byte[] result = b.clone();
        ByteArrayOutputStream samples = new ByteArrayOutputStream(mdatEnd - mdat);
        int data = dataOffset;
        boolean changed = false;
        for (int i = 0; i < count; i++) {
            // sample_size follows sample_duration when that is present
            int sizeField = defaultSizeField >= 0 ? defaultSizeField
                    : fields + i * perSample + ((trFlags & 0x100) != 0 ? 4 : 0);
            long size = Boxes.u32(b, sizeField);
            if (data < mdat + Boxes.HEADER || data + size > mdatEnd) {
                throw new Mp4FormatException("sample " + i + " lies outside the mdat");
            }
            byte[] sample = Arrays.copyOfRange(b, data, data + (int) size);
            byte[] newSample = inSample(sample, change);
            if (newSample != sample) {
                if (defaultSizeField >= 0 && count > 1) {
                    throw new Mp4FormatException("an SPS changes in one of several samples that share default_sample_size");
                }
                changed = true;
                ByteBuffer.wrap(result).putInt(sizeField, newSample.length);
            }
            samples.write(newSample, 0, newSample.length);
            data += (int) size;
        }
        if (!changed) {
            return fragment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
        out.write(result, 0, dataOffset); // moof with the new sizes, the mdat header, anything before the samples
        out.write(samples.toByteArray(), 0, samples.size());
        out.write(b, data, b.length - data); // anything after the samples, and after the mdat
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes).putInt(mdat, mdatEnd - mdat + bytes.length - b.length);
        return new Fragment(bytes, fragment.trackId(), fragment.decodeTime(), fragment.duration(),
                fragment.independent(), fragment.sampleCount());
    }

    /**
     * One sample (or {@code rtp.AccessUnit}'s NAL units), each NAL unit after its 4-byte length, with
     * {@code change} applied to each SPS; the sample itself when none changed.
     */
    public static byte[] inSample(byte[] sample, UnaryOperator<byte[]> change) {
        ByteArrayOutputStream out = null;
        int at = 0;
        while (at < sample.length) {
            if (at + 4 > sample.length || at + 4 + Boxes.u32(sample, at) > sample.length) {
                throw new Mp4FormatException("NAL unit length runs past the sample");
            }
            int length = (int) Boxes.u32(sample, at);
            byte[] replacement = null;
            if (length > 0 && (sample[at + 4] & 0x1F) == NAL_UNIT_TYPE_SPS) {
                byte[] sps = Arrays.copyOfRange(sample, at + 4, at + 4 + length);
                byte[] changed = change.apply(sps);
                if (!Arrays.equals(sps, changed)) {
                    replacement = changed;
                }
            }
            if (replacement != null && out == null) {
                out = new ByteArrayOutputStream(sample.length + 16);
                out.write(sample, 0, at);
            }
            if (out != null) {
                byte[] nal = replacement != null ? replacement : Arrays.copyOfRange(sample, at + 4, at + 4 + length);
                out.writeBytes(ByteBuffer.allocate(4).putInt(nal.length).array());
                out.write(nal, 0, nal.length);
            }
            at += 4 + length;
        }
        return out == null ? sample : out.toByteArray();
    }

    /**
     * Whether a length-prefixed NAL unit in {@code b[from..to)} is an SPS. Reads the lengths only; a length
     * that runs past {@code to} ends the search (the rewrite then reads the samples one by one and says so).
     */
    private static boolean holdsSps(byte[] b, int from, int to) {
        int at = from;
        while (at + 5 <= to) {
            if ((b[at + 4] & 0x1F) == NAL_UNIT_TYPE_SPS) {
                return true;
            }
            at += 4 + (int) Math.min(Boxes.u32(b, at), Integer.MAX_VALUE - 4);
            if (at < 0) {
                return false;
            }
        }
        return false;
    }

    /** The n-th (from 0) child box of the given type in the box at {@code parent}, or -1. */
    private static int nthChild(byte[] b, int parent, String type, int n) {
        int at = parent + Boxes.HEADER;
        int end = parent + Boxes.size(b, parent);
        int seen = 0;
        while (at + Boxes.HEADER <= end) {
            if (Boxes.type(b, at).equals(type) && seen++ == n) {
                return at;
            }
            at += Boxes.size(b, at);
        }
        return -1;
    }

    /**
     * {@code b} with the box of {@code oldLength} bytes at {@code at} replaced by {@code box}, and the size
     * field of each enclosing box (all of them before {@code at}, so at the same places) grown by the difference.
     */
    private static byte[] replace(byte[] b, int at, int oldLength, byte[] box, int... enclosing) {
        int delta = box.length - oldLength;
        byte[] result = new byte[b.length + delta];
        System.arraycopy(b, 0, result, 0, at);
        System.arraycopy(box, 0, result, at, box.length);
        System.arraycopy(b, at + oldLength, result, at + box.length, b.length - at - oldLength);
        ByteBuffer buffer = ByteBuffer.wrap(result);
        for (int parent : enclosing) {
            buffer.putInt(parent, Boxes.size(b, parent) + delta);
        }
        return result;
    }
}
