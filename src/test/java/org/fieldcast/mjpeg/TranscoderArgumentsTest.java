package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden lines: a changed flag here changes the latency or the CPU of every transcoder. */
class TranscoderArgumentsTest {
    private static final JpegProfile HD = new JpegProfile("default", 1280, 720, 25, 5);

    @Test
    void inputIsDecodedFrameByFrameWithoutProbing() {
        assertEquals(List.of("-f", "mp4", "-probesize", "32", "-analyzeduration", "0", "-recv_buffer_size", "131072",
                        "-threads", "1", "-flags", "low_delay"),
                new TranscoderArguments(HD, 1280, 720, 0).input());
    }

    @Test
    void outputIsOneFullRangeJpegPerFrameFlushedAtOnce() {
        assertEquals(List.of("-map", "0:v:0",
                "-vf", "select='gte(n\\,3)*(isnan(prev_selected_t)+gt(floor(t*25+0.5)\\,floor(prev_selected_t*25+0.5)))',"
                        + "zscale=w=1280:h=720:filter=bilinear:range=full",
                "-fps_mode", "passthrough", "-threads", "1", "-c:v", "mjpeg", "-q:v", "5",
                "-pix_fmt", "yuv420p", "-color_range", "pc", "-strict", "unofficial",
                "-flush_packets", "1", "-tcp_nodelay", "1", "-f", "image2pipe"),
                new TranscoderArguments(HD, 1280, 720, 3).output());
    }

    @Test
    void thePictureFitsTheProfileKeepingItsShapeAndIsNeverEnlarged() {
        assertArrayEquals(new int[] {1280, 720}, new TranscoderArguments(HD, 1920, 1080, 0).outputSize());
        assertArrayEquals(new int[] {960, 720}, new TranscoderArguments(HD, 1280, 960, 0).outputSize());
        assertArrayEquals(new int[] {704, 576}, new TranscoderArguments(HD, 704, 576, 0).outputSize());
        assertArrayEquals(new int[] {640, 360},
                new TranscoderArguments(new JpegProfile("small", 640, 360, 10, 8), 1280, 720, 0).outputSize());
        assertArrayEquals(new int[] {404, 360}, // odd results are made even for 4:2:0
                new TranscoderArguments(new JpegProfile("small", 640, 360, 10, 8), 1440, 1284, 0).outputSize());
    }
}
