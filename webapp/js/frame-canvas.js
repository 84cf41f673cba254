// Shows one camera's WebSocket frames on a canvas: JPEGs are decoded one at a time, in order, and drawn
// when the jitter buffer says they are due. A page that decodes slower than frames arrive (a busy
// machine, a big grid) skips the frames it could not show in time anyway, rather than fall behind.
// The element's data attributes tell styles and tests what happens: data-player-state (loading,
// playing, error), data-frames (drawn), data-dropped, data-delay (playout delay in ms) and
// data-frame-time (server time of the frame on screen).

import { frameSocket } from './frame-socket.js';
import { JitterBuffer } from './jitter-buffer.js';

/** Undecoded frames older than the newest by more than the playout delay plus this are skipped. */
const DECODE_SLACK_MS = 80;

/**
 * @param {HTMLCanvasElement} canvas
 * @returns {{destroy: () => void}}
 */
export function attachFrameCanvas(canvas, cameraId) {
  const context = canvas.getContext('2d');
  const waiting = []; // received, not decoded yet; oldest first
  let decoding = false;
  let destroyed = false;
  let skipped = 0;
  canvas.hidden = false;
  canvas.dataset.playerState = 'loading';
  canvas.dataset.frames = '0';

  const buffer = new JitterBuffer({
    show: (frame) => {
      const picture = frame.picture;
      if (canvas.width !== picture.width || canvas.height !== picture.height) {
        canvas.width = picture.width;
        canvas.height = picture.height;
      }
      context.drawImage(picture, 0, 0);
      picture.close();
      canvas.dataset.playerState = 'playing';
      canvas.dataset.frames = String(buffer.stats.shown);
      canvas.dataset.delay = String(Math.round(buffer.delay));
      canvas.dataset.frameTime = String(frame.sentAt);
    },
    drop: (frame) => {
      frame.picture.close();
      canvas.dataset.dropped = String(buffer.stats.dropped + skipped);
    },
  });

  async function decodeWaiting() {
    decoding = true;
    while (waiting.length && !destroyed) {
      const { sentAt, arrivedAt, jpeg } = waiting.shift();
      try {
        const picture = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
        if (destroyed) {
          picture.close();
        } else {
          buffer.push({ sentAt, arrivedAt, picture });
        }
      } catch (e) {
        // a damaged picture: the next one follows
      }
    }
    decoding = false;
  }

  const unwatch = frameSocket.watch(cameraId, {
    frame: (frame) => {
      waiting.push(frame);
      const oldestUseful = frame.sentAt - buffer.delay - DECODE_SLACK_MS;
      while (waiting.length > 1 && waiting[0].sentAt < oldestUseful) {
        waiting.shift();
        skipped++;
      }
      if (!decoding) {
        decodeWaiting();
      }
    },
    notice: () => { canvas.dataset.playerState = 'error'; },
    state: (s) => {
      if (s === 'error') {
        canvas.dataset.playerState = 'error';
      }
    },
  });

  return {
    destroy() {
      destroyed = true;
      unwatch();
      waiting.length = 0;
      buffer.clear();
      canvas.hidden = true;
      canvas.dataset.playerState = 'stopped';
    },
  };
}
