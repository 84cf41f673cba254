package org.fieldcast.mjpeg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One JPEG picture of a camera as every viewer gets it. The bytes each output sends (an MJPEG part, a
 * WebSocket message) are built once, on first use, and shared by all viewers: 200 viewers cost 200
 * writes of the same array, not 200 copies.
 *
 * @see #multipartPart()
 * @see #socketMessage()
 */
public final class JpegFrame {
    /** The multipart boundary of {@code stream.mjpg}. */
    public static final String BOUNDARY = "fieldcast";
    /** First byte of every WebSocket frame message; bumped if the layout ever changes. */
    public static final int SOCKET_VERSION = 1;

    private final String cameraId;
    private final byte[] jpeg;
    private final long epochMillis;
    private final long sequence;
    private volatile byte[] part;
    private volatile byte[] message;

    /**
     * @param epochMillis when Fieldcast got the picture (wall clock)
     * @param sequence    counts up per hub, so a viewer can tell a late, older offer from a newer one
     */
    public JpegFrame(String cameraId, byte[] jpeg, long epochMillis, long sequence) {
        if (cameraId.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("camera id too long for the frame header: " + cameraId);
        }
        this.cameraId = cameraId;
        this.jpeg = jpeg;
        this.epochMillis = epochMillis;
        this.sequence = sequence;
    }

    public String cameraId() {
        return cameraId;
    }

    /** The JPEG itself; shared, never to be modified. */
    public byte[] jpeg() {
        return jpeg;
    }

    public long epochMillis() {
        return epochMillis;
    }

    public long sequence() {
        return sequence;
    }

    /** True if this frame came after {@code other} (or there was none). */
    public boolean newerThan(JpegFrame other) {
        return other == null || sequence > other.sequence;
    }

    /**
     * This picture as one part of {@code multipart/x-mixed-replace}: its headers, the JPEG, and the
     * boundary that closes it. The closing boundary goes out with the picture rather than before the
     * next one, because browsers show a part only once they see the boundary after it: sent late it
     * would hold every picture back by one frame interval.
     */
    public byte[] multipartPart() {
        byte[] p = part;
        if (p == null) {
            byte[] head = ("Content-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\nX-Frame-Time: " + epochMillis
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
            p = new byte[head.length + jpeg.length + tail.length];
            System.arraycopy(head, 0, p, 0, head.length);
            System.arraycopy(jpeg, 0, p, head.length, jpeg.length);
            System.arraycopy(tail, 0, p, head.length + jpeg.length, tail.length);
            part = p; // a race builds it twice at worst, with the same content
        }
        return p;
    }

    /** What a multipart stream starts with, before the first part. */
    public static byte[] multipartPreamble() {
        return ("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * This picture as a binary WebSocket message: {@code [1 byte version = 1][1 byte n][n bytes camera
     * id, UTF-8][8 bytes epoch ms, big-endian][JPEG]}. A fresh buffer each call over shared bytes, so
     * senders may move its position; they must not change its content.
     */
    public ByteBuffer socketMessage() {
        byte[] m = message;
        if (m == null) {
            byte[] id = cameraId.getBytes(StandardCharsets.UTF_8);
            m = ByteBuffer.allocate(2 + id.length + 8 + jpeg.length)
                    .put((byte) SOCKET_VERSION).put((byte) id.length).put(id).putLong(epochMillis).put(jpeg).array();
            message = m;
        }
        return ByteBuffer.wrap(m); // not read-only: the WebSocket runtime would copy it again
    }
}
