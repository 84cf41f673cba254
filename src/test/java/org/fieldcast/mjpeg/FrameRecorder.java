package org.fieldcast.mjpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.fieldcast.sim.ClockBlocks;
/** A hub viewer for tests: keeps what arrived and when; decodes later, off the publishing thread. */
final class FrameRecorder implements FrameSink {

    /** One frame as received: its picture's width and the latency the picture's clock shows. */
    record Received(long nanos, long epochMillis, int width, long latencyMillis) {
    }

    private record Raw(JpegFrame frame, long nanos, long millis) {
    }

    private final List<Raw> raw = new ArrayList<>();

    @Override
    public synchronized void offer(JpegFrame frame) {
        raw.add(new Raw(frame, System.nanoTime(), System.currentTimeMillis()));
        notifyAll();
    }

    /** Waits for {@code count} frames, then decodes them. */
    synchronized List<Received> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (raw.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + raw.size() + " of " + count + " frames in " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return raw.subList(0, count).stream().map(r -> decode(r.frame().jpeg(), r.nanos(), r.millis())).toList();
    }

    static Received decode(byte[] jpeg, long nanos, long millis) {
        try {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(jpeg));
            return new Received(nanos, millis, picture.getWidth(), latency(picture, millis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from the moment the camera drew the picture (its clock blocks) to {@code millis}. */
    static long latency(BufferedImage picture, long millis) {
        long clock = ClockBlocks.read(picture.getWidth(), (x, y) -> {
            int rgb = picture.getRGB(x, y);
            return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
        });
        return ClockBlocks.latencyMillis(clock, millis);
    }
}
