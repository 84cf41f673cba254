package org.fieldcast.fmp4;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Reads ffmpeg's fragmented MP4 as it arrives on the pipe and hands complete pieces to a listener:
 * the init segment (ftyp + moov) and each fragment (moof + mdat).
 * <p>
 * An {@link OutputStream} so that Jaffree's pipe pump can write into it directly; it is called by
 * one thread only. Other top-level boxes (styp, sidx, free, mfra) are skipped.
 */
public final class Fmp4StreamParser extends OutputStream {

    /** Receives what the parser finds, on the pump's thread. */
    public interface Listener {
        void onInit(InitSegment init);

        void onFragment(Fragment fragment);
    }

    /** Guards against garbage on the pipe: no real box of a camera stream comes near this. */
    static final int MAX_BOX = 32 * 1024 * 1024;

    private final Listener listener;
    private byte[] buffer = new byte[256 * 1024];
    private int length;
    private byte[] ftyp = new byte[0];
    private byte[] pendingMoof;
    private InitSegment init;

    public Fmp4StreamParser(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int off, int len) {
        ensureCapacity(length + len);
        System.arraycopy(data, off, buffer, length, len);
        length += len;
        drainBoxes();
    }

    private void drainBoxes() {
        int at = 0;
        while (length - at >= Boxes.HEADER) {
            long size = Boxes.u32(buffer, at);
            if (size < Boxes.HEADER || size > MAX_BOX) {
                throw new Mp4FormatException("box '" + Boxes.type(buffer, at) + "' has an unsupported size " + size);
            }
            if (length - at < size) {
                ensureCapacity((int) size);
                break;
            }
            onBox(Boxes.type(buffer, at), Arrays.copyOfRange(buffer, at, at + (int) size));
            at += (int) size;
        }
        System.arraycopy(buffer, at, buffer, 0, length - at);
        length -= at;
    }

    private void onBox(String type, byte[] box) {
        switch (type) {
            case "ftyp" -> ftyp = box;
            case "moov" -> {
                init = Mp4Init.read(ftyp, box);
                listener.onInit(init);
            }
            case "moof" -> pendingMoof = box;
            case "mdat" -> {
                if (pendingMoof == null || init == null) {
                    return; // media before its header: nothing can play it
                }
                byte[] bytes = new byte[pendingMoof.length + box.length];
                System.arraycopy(pendingMoof, 0, bytes, 0, pendingMoof.length);
                System.arraycopy(box, 0, bytes, pendingMoof.length, box.length);
                listener.onFragment(Mp4Fragments.read(bytes, pendingMoof.length, init));
                pendingMoof = null;
            }
            default -> {
                // styp, sidx, free, mfra: nothing the segmenter needs
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
