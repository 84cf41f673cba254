package org.fieldcast.mjpeg;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Cuts a stream of concatenated JPEG images (ffmpeg's {@code image2pipe}) into single images.
 * <p>
 * It follows the JPEG marker structure (ITU T.81 B.1) rather than searching for {@code FF D9}:
 * marker segments are skipped by their length, so bytes that look like EOI inside an APPn or COM
 * segment do not cut the image; in entropy-coded data {@code FF} is always stuffed ({@code FF 00})
 * or a restart marker, so the first real marker there is reliable. Bytes before an SOI are dropped.
 * Writes may split an image anywhere. Bytes are copied in runs, not one by one, because a transcoder
 * pushes a few megabytes a second through here.
 */
public final class JpegFrameSplitter extends OutputStream {
    /** A runaway image (no EOI) is dropped at this size rather than grow without bound. */
    static final int MAX_IMAGE_BYTES = 16 * 1024 * 1024;

    private enum State { SEEK_SOI_FF, SEEK_SOI_D8, MARKER_FF, MARKER_CODE, LENGTH_HIGH, LENGTH_LOW, SEGMENT, ENTROPY, ENTROPY_FF }

    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;

    private final Consumer<byte[]> images;
    private final ByteArrayOutputStream image = new ByteArrayOutputStream(256 * 1024);
    private State state = State.SEEK_SOI_FF;
    private int marker;
    private int remaining;

    /** @param images receives each whole image, on the writing thread */
    public JpegFrameSplitter(Consumer<byte[]> images) {
        this.images = images;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int end = off + len;
        int runStart = inImage() ? off : -1; // where the bytes of the current image start in b
        int i = off;
        while (i < end) {
            if (state == State.ENTROPY) {
                i = skipEntropy(b, i, end); // the bulk of an image: scan for the next FF only
                continue;
            }
            if (state == State.SEGMENT) {
                int skip = Math.min(remaining, end - i);
                remaining -= skip;
                i += skip;
                if (remaining == 0) {
                    state = afterSegment();
                }
                continue;
            }
            boolean wasInImage = inImage();
            boolean complete = step(b[i] & 0xff);
            i++;
            if (!wasInImage && inImage()) {
                runStart = i - 1; // the D8 of SOI; its FF was written by seekSoi
            }
            if (complete) {
                image.write(b, runStart, i - runStart);
                emit();
                runStart = -1;
            }
        }
        if (runStart >= 0 && inImage()) {
            image.write(b, runStart, end - runStart);
            if (image.size() > MAX_IMAGE_BYTES) {
                restart();
            }
        }
    }

    private boolean inImage() {
        return state != State.SEEK_SOI_FF && state != State.SEEK_SOI_D8;
    }

    private int skipEntropy(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == (byte) 0xff) {
                state = State.ENTROPY_FF;
                return i + 1;
            }
        }
        return end;
    }

    /** One byte outside the fast paths; true when it ended an image (EOI). */
    private boolean step(int b) {
        switch (state) {
            case SEEK_SOI_FF -> state = b == 0xff ? State.SEEK_SOI_D8 : State.SEEK_SOI_FF;
            case SEEK_SOI_D8 -> seekSoi(b);
            case MARKER_FF -> state = b == 0xff ? State.MARKER_CODE : State.MARKER_FF;
            case MARKER_CODE -> {
                return onMarker(b);
            }
            case LENGTH_HIGH -> {
                remaining = b << 8;
                state = State.LENGTH_LOW;
            }
            case LENGTH_LOW -> {
                remaining = (remaining | b) - 2; // the length counts its own two bytes
                state = remaining > 0 ? State.SEGMENT : afterSegment();
            }
            case ENTROPY_FF -> {
                return onEntropyFf(b);
            }
            default -> throw new IllegalStateException(state.name());
        }
        return false;
    }

    private void seekSoi(int b) {
        if (b == SOI) {
            image.reset();
            image.write(0xff); // the D8 and what follows are copied from the caller's buffer
            state = State.MARKER_FF;
        } else {
            state = b == 0xff ? State.SEEK_SOI_D8 : State.SEEK_SOI_FF;
        }
    }

    private boolean onMarker(int b) {
        if (b == 0xff) {
            return false; // fill bytes before a marker
        }
        marker = b;
        if (b == EOI) {
            return true;
        } else if (b == 0x01 || (b >= 0xd0 && b <= 0xd7) || b == SOI) {
            state = State.MARKER_FF; // markers without a length
        } else {
            state = State.LENGTH_HIGH;
        }
        return false;
    }

    /** After SOS's header comes entropy-coded data; after any other segment, the next marker. */
    private State afterSegment() {
        return marker == SOS ? State.ENTROPY : State.MARKER_FF;
    }

    private boolean onEntropyFf(int b) {
        if (b == 0x00 || (b >= 0xd0 && b <= 0xd7)) {
            state = State.ENTROPY; // stuffed byte or restart marker: still scan data
        } else if (b == 0xff) {
            state = State.ENTROPY_FF;
        } else {
            return onMarker(b); // end of scan: EOI, or another segment (progressive JPEG)
        }
        return false;
    }

    private void emit() {
        byte[] whole = image.toByteArray();
        restart();
        if (whole.length <= MAX_IMAGE_BYTES) {
            images.accept(whole);
        }
    }

    private void restart() {
        image.reset();
        state = State.SEEK_SOI_FF;
    }
}
