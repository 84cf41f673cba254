// The playout clock of the sub-second frames: an adaptive jitter buffer. Each frame carries the time
// Fieldcast got it; the gap between that and its arrival here is its transit time (plus a constant
// clock offset, which cancels out). The fastest transit of the last few seconds is the link's base;
// how much later than that frames arrive is their jitter. Frames are shown at send time + base +
// playout delay, where the delay follows the 95th percentile of recent jitter: near zero on a clean
// link, so frames show on arrival, and as large as a bursty link needs to show frames at their
// original spacing. The delay rises at once and falls back slowly, so one burst does not make it swing.

const WINDOW_MS = 5000;
const MAX_SAMPLES = 250;
const DECAY_PER_FRAME_MS = 2;

export class JitterBuffer {
  /**
   * @param {{show: (frame) => void, drop?: (frame) => void, maxDelayMs?: number, maxQueue?: number,
   *          now?: () => number, schedule?: (fn: () => void, ms: number) => number, cancel?: (id: number) => void}} options
   *   show gets each frame on time; drop gets the frames never shown (to free them); now and schedule
   *   default to performance.now and setTimeout (a test passes a clock of its own)
   */
  constructor({ show, drop = () => {}, maxDelayMs = 400, maxQueue = 12, now, schedule, cancel }) {
    this.show = show;
    this.drop = drop;
    this.maxDelayMs = maxDelayMs;
    this.maxQueue = maxQueue;
    this.now = now || (() => performance.now());
    this.schedule = schedule || ((fn, ms) => window.setTimeout(fn, ms));
    this.cancel = cancel || ((id) => window.clearTimeout(id));
    this.samples = []; // {arrivedAt, transit}
    this.queue = []; // frames waiting for their time, oldest first
    this.delay = 0;
    this.lastShownSentAt = -Infinity;
    this.timer = 0;
    this.stats = { shown: 0, dropped: 0 };
  }

  /**
   * @param {{sentAt: number, arrivedAt: number}} frame sentAt: server epoch ms; arrivedAt: this.now() at arrival.
   *   Other properties (the picture) travel along untouched.
   */
  push(frame) {
    if (frame.sentAt <= this.lastShownSentAt) {
      this.discard(frame); // older than what is on screen
      return;
    }
    const jitter = this.measure(frame);
    frame.dueAt = frame.arrivedAt - jitter + this.delay;
    this.queue.push(frame);
    this.queue.sort((a, b) => a.sentAt - b.sentAt);
    while (this.queue.length > this.maxQueue) {
      this.discard(this.queue.shift());
    }
    this.run();
  }

  /** Drops everything waiting (the view stops). */
  clear() {
    this.cancel(this.timer);
    this.timer = 0;
    this.queue.splice(0).forEach((f) => this.discard(f));
  }

  measure(frame) {
    const transit = frame.arrivedAt - frame.sentAt;
    this.samples.push({ arrivedAt: frame.arrivedAt, transit });
    while (this.samples.length > MAX_SAMPLES || this.samples[0].arrivedAt < frame.arrivedAt - WINDOW_MS) {
      this.samples.shift();
    }
    const base = Math.min(...this.samples.map((s) => s.transit));
    const jitters = this.samples.map((s) => s.transit - base).sort((a, b) => a - b);
    const target = Math.min(this.maxDelayMs, jitters[Math.floor(0.95 * (jitters.length - 1))]);
    this.delay = target >= this.delay ? target : Math.max(target, this.delay - DECAY_PER_FRAME_MS);
    return transit - base;
  }

  run() {
    this.cancel(this.timer);
    this.timer = 0;
    const now = this.now();
    let due = null;
    while (this.queue.length && this.queue[0].dueAt <= now) {
      if (due) {
        this.discard(due); // two frames due at once: only the newer one is worth drawing
      }
      due = this.queue.shift();
    }
    if (due) {
      this.lastShownSentAt = due.sentAt;
      this.stats.shown++;
      this.show(due);
    }
    if (this.queue.length) {
      this.timer = this.schedule(() => this.run(), Math.max(0, this.queue[0].dueAt - now));
    }
  }

  discard(frame) {
    this.stats.dropped++;
    this.drop(frame);
  }
}
