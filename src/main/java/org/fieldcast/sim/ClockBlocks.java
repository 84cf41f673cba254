package org.fieldcast.sim;

import java.util.function.IntBinaryOperator;

/**
 * The latency ruler in every simulated picture: a row of {@value #BITS} black or white blocks holding
 * the wall clock in milliseconds (modulo 2^{@value #BITS}, about 4.6 hours) at the moment the frame is
 * made. A viewer that reads them back and compares with its own clock measures glass-to-glass
 * latency: the benchmarks do so in Chromium through a canvas. Bit 0 is the leftmost block.
 */
public final class ClockBlocks {
    public static final int BITS = 24;
    public static final long MODULUS = 1L << BITS;

    private ClockBlocks() {
    }

    /** Side of one block in pixels for a picture this wide. */
    public static int block(int width) {
        return Math.max(8, width / 32);
    }

    /** Left and top margin of the row. */
    public static int margin(int width) {
        return block(width) / 2;
    }

    /**
     * The filters that draw the ruler: a black strip, then one white block per set bit, each
     * switched on by ffmpeg's timeline expression on {@code time(0)}, the wall clock when the
     * frame passes the filter.
     */
    static String filters(int width) {
        int b = block(width);
        int m = margin(width);
        StringBuilder f = new StringBuilder("drawbox=x=" + (m - 2) + ":y=" + (m - 2) + ":w=" + (BITS * b + 4)
                + ":h=" + (b + 4) + ":color=black:t=fill");
        for (int bit = 0; bit < BITS; bit++) {
            f.append(",drawbox=x=").append(m + bit * b).append(":y=").append(m).append(":w=").append(b)
                    .append(":h=").append(b).append(":color=white:t=fill")
                    .append(":enable='mod(floor(floor(time(0)*1000)/").append(1L << bit).append(")\\,2)'");
        }
        return f.toString();
    }

    /**
     * Reads the clock back from a picture.
     *
     * @param luma brightness 0..255 at (x, y)
     */
    public static long read(int width, IntBinaryOperator luma) {
        int b = block(width);
        int m = margin(width);
        long value = 0;
        for (int bit = 0; bit < BITS; bit++) {
            if (luma.applyAsInt(m + bit * b + b / 2, m + b / 2) > 128) {
                value |= 1L << bit;
            }
        }
        return value;
    }

    /** Milliseconds from the clock in the picture to {@code nowMillis}, across the wrap-around. */
    public static long latencyMillis(long pictureClock, long nowMillis) {
        return Math.floorMod(nowMillis - pictureClock, MODULUS);
    }
}
