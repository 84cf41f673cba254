package org.fieldcast.fmp4;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Init segments and fragments as bytes with the facts already read from them, so another node takes
 * them as they were read here, without parsing the boxes again (and without a Java class crossing the
 * wire: the cluster's engine runs with a class loader of its own). Big-endian, as {@link DataOutput}
 * writes:
 * <pre>
 * init:     int length, bytes (ftyp + moov); byte tracks; per track: int trackId, UTF handler,
 *           long timescale, UTF codec, int width, int height, long defaultSampleDuration, long defaultSampleFlags
 * fragment: int length, bytes (moof + mdat); int trackId; long decodeTime; long duration;
 *           boolean independent; int sampleCount
 * </pre>
 */
public final class Fmp4Wire {
    private Fmp4Wire() {
    }

    public static void writeInit(DataOutput out, InitSegment init) throws IOException {
        out.writeInt(init.bytes().length);
        out.write(init.bytes());
        out.writeByte(init.tracks().size());
        for (TrackInfo t : init.tracks()) {
            out.writeInt(t.trackId());
            out.writeUTF(t.handler());
            out.writeLong(t.timescale());
            out.writeUTF(t.codec());
            out.writeInt(t.width());
            out.writeInt(t.height());
            out.writeLong(t.defaultSampleDuration());
            out.writeLong(t.defaultSampleFlags());
        }
    }

    public static InitSegment readInit(DataInput in) throws IOException {
        byte[] bytes = readBytes(in);
        int count = in.readUnsignedByte();
        List<TrackInfo> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tracks.add(new TrackInfo(in.readInt(), in.readUTF(), in.readLong(), in.readUTF(), in.readInt(), in.readInt(),
                    in.readLong(), in.readLong()));
        }
        if (tracks.isEmpty()) {
            throw new Mp4FormatException("an init segment without a track");
        }
        return new InitSegment(bytes, List.copyOf(tracks));
    }

    public static void writeFragment(DataOutput out, Fragment f) throws IOException {
        out.writeInt(f.bytes().length);
        out.write(f.bytes());
        out.writeInt(f.trackId());
        out.writeLong(f.decodeTime());
        out.writeLong(f.duration());
        out.writeBoolean(f.independent());
        out.writeInt(f.sampleCount());
    }

    public static Fragment readFragment(DataInput in) throws IOException {
        return new Fragment(readBytes(in), in.readInt(), in.readLong(), in.readLong(), in.readBoolean(), in.readInt());
    }

    /** A length, then that many bytes; a length beyond any real box is refused before anything is allocated. */
    public static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > Fmp4StreamParser.MAX_BOX * 2) {
            throw new Mp4FormatException("a length of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
