package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class JpegFrameSplitterTest {
    private final List<byte[]> images = new ArrayList<>();
    private final JpegFrameSplitter splitter = new JpegFrameSplitter(images::add);

    /** SOI, an APP0 segment, a scan header, entropy data with a stuffed FF and a restart marker, EOI. */
    static byte[] syntheticJpeg(byte fill) {
        return bytes(
                0xff, 0xd8,
                0xff, 0xe0, 0x00, 0x06, 'J', 'F', 0x00, 0x00,
                0xff, 0xda, 0x00, 0x04, 0x01, 0x02,
                fill, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56,
                0xff, 0xd9);
    }

    @Test
    void twoImagesInOneWrite() {
        byte[] a = syntheticJpeg((byte) 0x11);
        byte[] b = syntheticJpeg((byte) 0x22);
        splitter.write(concat(a, b), 0, a.length + b.length);

        assertEquals(2, images.size());
        assertArrayEquals(a, images.get(0));
        assertArrayEquals(b, images.get(1));
    }

    @Test
    void oneImageOverThreeWrites() {
        byte[] a = syntheticJpeg((byte) 0x11);
        splitter.write(a, 0, 3);
        splitter.write(a, 3, 10);
        assertEquals(0, images.size(), "no image before its EOI arrives");
        splitter.write(a, 13, a.length - 13);

        assertEquals(1, images.size());
        assertArrayEquals(a, images.get(0));
    }

    @Test
    void eoiBytesInsideASegmentDoNotCutTheImage() {
        byte[] withFakeEoi = bytes(
                0xff, 0xd8,
                0xff, 0xfe, 0x00, 0x06, 0xff, 0xd9, 0xff, 0xd9, // COM segment whose text is FF D9 FF D9
                0xff, 0xda, 0x00, 0x03, 0x01,
                0x42, 0xff, 0x00,
                0xff, 0xd9);
        splitter.write(withFakeEoi, 0, withFakeEoi.length);

        assertEquals(1, images.size());
        assertArrayEquals(withFakeEoi, images.get(0));
    }

    @Test
    void bytesBeforeTheFirstSoiAreDropped() {
        byte[] a = syntheticJpeg((byte) 0x11);
        byte[] noisy = concat(bytes(0x00, 0xff, 0x12, 0xd9, 0xff), a);
        splitter.write(noisy, 0, noisy.length);

        assertEquals(1, images.size());
        assertArrayEquals(a, images.get(0));
    }

    @Test
    void byteByByteRealJpegsComeOutWhole() throws IOException {
        byte[] real = realJpeg();
        byte[] stream = concat(real, real);
        for (byte b : stream) {
            splitter.write(b);
        }

        assertEquals(2, images.size());
        assertArrayEquals(real, images.get(1));
        assertEquals(64, ImageIO.read(new java.io.ByteArrayInputStream(images.get(0))).getWidth());
    }

    @Test
    void everySplitPointOfTwoRealImagesGivesTheSameImages() throws IOException {
        byte[] real = realJpeg();
        byte[] stream = concat(real, real);
        for (int cut = 1; cut < stream.length; cut++) {
            images.clear();
            splitter.write(stream, 0, cut);
            splitter.write(stream, cut, stream.length - cut);

            assertEquals(2, images.size(), "cut at " + cut);
            assertArrayEquals(real, images.get(0), "cut at " + cut);
            assertArrayEquals(real, images.get(1), "cut at " + cut);
        }
    }

    @Test
    void markerLikeBytesInScanDataAndLengthsDoNotCutTheImage() {
        byte[] tricky = bytes(
                0xff, 0xd8,
                0xff, 0xdb, 0x00, 0x05, 0xff, 0xd9, 0xd8, // DQT whose payload holds FF D9 and a D8
                0xff, 0xc4, 0x00, 0xff, // DHT whose length byte is FF (255 bytes, filled below)
                0xff, 0xda, 0x00, 0x03, 0x01,
                0xff, 0x00, 0xff, 0xd7, 0xff, 0xff, 0x00, 0x11, // stuffed FF, RST7, fill byte then stuffing
                0xff, 0xd9);
        byte[] dht = new byte[255 - 2];
        java.util.Arrays.fill(dht, (byte) 0xff); // FF bytes everywhere inside the segment
        byte[] whole = concat(java.util.Arrays.copyOfRange(tricky, 0, 13),
                concat(dht, java.util.Arrays.copyOfRange(tricky, 13, tricky.length)));
        splitter.write(whole, 0, whole.length);

        assertEquals(1, images.size());
        assertArrayEquals(whole, images.get(0));
    }

    @Test
    void aRunawayImageIsDroppedAndTheNextOneStillComesOut() {
        byte[] start = bytes(0xff, 0xd8, 0xff, 0xda, 0x00, 0x03, 0x01);
        splitter.write(start, 0, start.length);
        byte[] scan = new byte[JpegFrameSplitter.MAX_IMAGE_BYTES / 4];
        for (int i = 0; i < 5; i++) {
            splitter.write(scan, 0, scan.length); // no EOI, ever
        }
        byte[] good = syntheticJpeg((byte) 0x33);
        splitter.write(good, 0, good.length);

        assertEquals(1, images.size());
        assertArrayEquals(good, images.get(0));
    }

    private static byte[] realJpeg() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x + y) * 2));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
