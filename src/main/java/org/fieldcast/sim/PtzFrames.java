package org.fieldcast.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.InputStream;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.locks.LockSupport;

/**
 * The picture of a simulated dome as raw BGR frames for ffmpeg, made in real time: each frame is
 * cut from the {@link Panorama} where the {@link PtzHead} points at the moment it is made, scaled
 * for the zoom (nearest pixel: cheap, and a zoomed-in view looks digitally enlarged, which is
 * honest), with the raised virtual alarms and the position drawn on it. ffmpeg adds the name, the
 * clock and the latency ruler afterwards, so those stay fixed on screen.
 * <p>
 * Paced by the wall clock (frame n is made at start + n / fps), so the stream never runs ahead of
 * real time and a move shows in the next frame. An {@link InputStream} because ffmpeg reads it through
 * Jaffree's pipe, whose pump thread calls {@link #read(byte[], int, int)}.
 */
final class PtzFrames extends InputStream {
    /** Horizontal field of view at 1x, in degrees. */
    static final double FIELD_OF_VIEW = 60;

    private final int width;
    private final int height;
    private final long frameNanos;
    private final PtzHead head;
    private final FlagBank alarms;
    private final byte[] panorama = Panorama.bgr();
    private final BufferedImage image;
    private final byte[] frame;
    private final int[] columns;
    private final Graphics2D overlay;
    private final Font font;
    private int position;
    private long frames;
    private long started;
    private volatile boolean closed;

    PtzFrames(int width, int height, int fps, PtzHead head, FlagBank alarms) {
        this.width = width;
        this.height = height;
        this.frameNanos = 1_000_000_000L / fps;
        this.head = head;
        this.alarms = alarms;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.frame = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        this.columns = new int[width];
        this.overlay = image.createGraphics();
        this.font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 20));
        this.position = frame.length;
    }

    /** Bytes of one frame: width x height x 3 (bgr24). */
    int frameSize() {
        return frame.length;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (closed) {
            return -1;
        }
        if (position >= frame.length) {
            if (!awaitNextFrame()) {
                return -1;
            }
            render(head.position());
            position = 0;
        }
        int n = Math.min(len, frame.length - position);
        System.arraycopy(frame, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() {
        closed = true;
    }

    private boolean awaitNextFrame() {
        long now = System.nanoTime();
        if (frames == 0) {
            started = now;
        }
        long due = started + frames * frameNanos;
        while (!closed && due - now > 0) {
            LockSupport.parkNanos(due - now);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            now = System.nanoTime();
        }
        frames++;
        return !closed;
    }

    /** Cuts the view for {@code p} out of the panorama, draws the overlay; returns the frame (reused). */
    byte[] render(DomePosition p) {
        double across = FIELD_OF_VIEW / p.zoom();
        double scale = across * Panorama.PIXELS_PER_DEGREE / width; // panorama pixels per view pixel
        double left = (p.pan() - across / 2) * Panorama.PIXELS_PER_DEGREE;
        double top = Panorama.row(p.tilt()) - height * scale / 2;
        for (int i = 0; i < width; i++) {
            columns[i] = Math.floorMod((int) Math.floor(left + (i + 0.5) * scale), Panorama.WIDTH) * 3;
        }
        int d = 0;
        for (int j = 0; j < height; j++) {
            int sy = Math.max(0, Math.min(Panorama.HEIGHT - 1, (int) Math.floor(top + (j + 0.5) * scale)));
            int row = sy * Panorama.WIDTH * 3;
            for (int i = 0; i < width; i++) {
                int s = row + columns[i];
                frame[d++] = panorama[s];
                frame[d++] = panorama[s + 1];
                frame[d++] = panorama[s + 2];
            }
        }
        drawOverlay(p);
        return frame;
    }

    private void drawOverlay(DomePosition p) {
        overlay.setFont(font);
        int pad = Math.max(4, height / 60);
        String readout = String.format(Locale.ROOT, "P %05.1f  T %04.1f  Z %.1fx", p.pan(), p.tilt(), p.zoom());
        int textWidth = overlay.getFontMetrics().stringWidth(readout);
        int lineHeight = overlay.getFontMetrics().getHeight();
        overlay.setColor(new Color(0, 0, 0, 150));
        overlay.fillRect(width - textWidth - 3 * pad, height - lineHeight - 3 * pad, textWidth + 2 * pad, lineHeight + pad);
        overlay.setColor(Color.WHITE);
        overlay.drawString(readout, width - textWidth - 2 * pad, height - 2 * pad - overlay.getFontMetrics().getDescent());
        StringJoiner raised = new StringJoiner(" ", "ALARM ", "");
        raised.setEmptyValue("");
        for (int n = 1; n <= alarms.count(); n++) {
            if (alarms.get(n)) {
                raised.add(Integer.toString(n));
            }
        }
        String alarm = raised.toString();
        if (!alarm.isEmpty()) {
            int border = Math.max(4, height / 45);
            overlay.setColor(new Color(220, 20, 20));
            overlay.setStroke(new BasicStroke(border));
            overlay.drawRect(border / 2, border / 2, width - border, height - border);
            int w = overlay.getFontMetrics().stringWidth(alarm);
            overlay.fillRect(width - w - 4 * pad, 2 * pad, w + 2 * pad, lineHeight + pad);
            overlay.setColor(Color.WHITE);
            overlay.drawString(alarm, width - w - 3 * pad, 2 * pad + lineHeight - overlay.getFontMetrics().getDescent());
        }
    }
}
