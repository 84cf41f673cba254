package org.fieldcast.relay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.fieldcast.fmp4.Fmp4Wire;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;

/**
 * What a node needs to start serving a stream mid-way: the owner's whole LL-HLS window, and the taps'
 * current init with the fragments since the latest keyframe (so a picture can be decoded at once).
 * Layout: {@code int length, timeline (a whole TimelineDelta); boolean tapInit, init; int count,
 * fragments} (init and fragments as {@link Fmp4Wire} writes them).
 *
 * @param tapInit null until the owner's taps have one
 */
record RelaySnapshot(byte[] timeline, InitSegment tapInit, List<Fragment> gop) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(timeline.length + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(timeline.length);
            out.write(timeline);
            out.writeBoolean(tapInit != null);
            if (tapInit != null) {
                Fmp4Wire.writeInit(out, tapInit);
            }
            out.writeInt(gop.size());
            for (Fragment f : gop) {
                Fmp4Wire.writeFragment(out, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static RelaySnapshot decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte[] timeline = Fmp4Wire.readBytes(in);
            InitSegment init = in.readBoolean() ? Fmp4Wire.readInit(in) : null;
            int count = in.readInt();
            if (count < 0 || count > RelayPublisher.MAX_GOP_FRAGMENTS) {
                throw new Mp4FormatException("a snapshot of " + count + " fragments");
            }
            List<Fragment> gop = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                gop.add(Fmp4Wire.readFragment(in));
            }
            return new RelaySnapshot(timeline, init, List.copyOf(gop));
        } catch (IOException e) {
            throw new Mp4FormatException("a snapshot cut short: " + e);
        }
    }
}
