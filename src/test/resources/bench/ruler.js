// Reads the latency ruler that every simulated camera draws (org.fieldcast.sim.ClockBlocks): 24 black or
// white blocks in the top-left corner holding the wall clock in milliseconds, modulo 2^24, at the moment
// the frame was made. Bit 0 is the leftmost block. The layout must stay the Java class's mirror.

export const BITS = 24;
export const MODULUS = 2 ** BITS;

/** Side of one block in pixels for a picture this wide. */
export function block(width) {
  return Math.max(8, Math.floor(width / 32));
}

/** Left and top margin of the row. */
export function margin(width) {
  return Math.floor(block(width) / 2);
}

/** The top-left rectangle that holds the whole row, in picture pixels. */
export function rulerArea(width) {
  return { width: Math.min(width, margin(width) + BITS * block(width)), height: margin(width) + block(width) };
}

/**
 * The clock in the picture.
 * @param {number} width picture width
 * @param {(x: number, y: number) => number} luma brightness 0..255 at a pixel of the ruler area
 */
export function readClock(width, luma) {
  const b = block(width);
  const m = margin(width);
  let value = 0;
  for (let bit = 0; bit < BITS; bit++) {
    if (luma(m + bit * b + Math.floor(b / 2), m + Math.floor(b / 2)) > 128) {
      value += 2 ** bit;
    }
  }
  return value;
}

/** Milliseconds from the clock in the picture to nowMillis (epoch), across the wrap-around. */
export function latencyMillis(pictureClock, nowMillis) {
  return (((Math.round(nowMillis) - pictureClock) % MODULUS) + MODULUS) % MODULUS;
}
