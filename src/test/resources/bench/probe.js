// The latency probe: plays one source the way Fieldcast's pages do, reads the ruler from every frame
// as it is presented, and keeps samples for the benchmark (Java polls window.fieldcastProbe.drain()).
//   hls   <video> through our own player module (hls.js with Fieldcast's settings);
//         each frame through requestVideoFrameCallback, timed at its expected display time
//   mjpeg <img> on a multipart stream; a new picture is noticed at the next animation frame
//   ws    Fieldcast's WebSocket frames, decoded and drawn to a canvas as they arrive
//   mse   <video> through our MsePlayer on its own MseSocket to src (/ws/mse of Fieldcast's origin; the
//         page is on another); each frame through requestVideoFrameCallback, as for hls
import { attachPlayer } from '/webapp/js/player.js';
import { MsePlayer } from '/webapp/js/mse-player.js';
import { MseSocket } from '/webapp/js/mse-socket.js';
import { latencyMillis, readClock, rulerArea } from './ruler.js';

const params = new URLSearchParams(window.location.search);
const mode = params.get('mode');
const src = params.get('src');
const frameMillis = 1000 / Number(params.get('fps') || 25);
// A reading this far off is not a clock (a frame without the ruler, a half-decoded picture).
const PLAUSIBLE_MS = 60000;

const ruler = document.createElement('canvas');
const rulerContext = ruler.getContext('2d', { willReadFrequently: true });

const state = {
  mode,
  attachedAt: null, // performance.now() when the source was attached
  firstFrameAt: null, // performance.now() when the first frame was presented
  frames: 0,
  unreadable: 0,
  skipped: 0, // frames the clock says were made but never presented
  errors: [],
  samples: [], // [latency ms, presented at epoch ms, fieldcast got it at epoch ms or -1]
  lastClock: null,
};

window.fieldcastProbe = {
  drain() {
    const out = { ...state, samples: state.samples, player: playerState() };
    state.samples = [];
    return out;
  },
};
window.addEventListener('error', (e) => state.errors.push(String(e.message)));

/** Reads the ruler of what the source shows now and records a sample presented at that time. */
function measure(source, width, presentedAt, fieldcastAt = -1) {
  const area = rulerArea(width);
  if (ruler.width !== area.width || ruler.height !== area.height) {
    ruler.width = area.width;
    ruler.height = area.height;
  }
  rulerContext.drawImage(source, 0, 0, area.width, area.height, 0, 0, area.width, area.height);
  const pixels = rulerContext.getImageData(0, 0, area.width, area.height).data;
  const clock = readClock(width, (x, y) => {
    const i = (y * area.width + x) * 4;
    return 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
  });
  const presentedEpoch = presentedAt + (Date.now() - performance.now());
  const latency = latencyMillis(clock, presentedEpoch);
  if (latency > PLAUSIBLE_MS) {
    state.unreadable++;
    return null;
  }
  if (state.firstFrameAt === null) {
    state.firstFrameAt = presentedAt;
  }
  if (state.lastClock !== null && clock === state.lastClock) {
    return clock; // the same picture again
  }
  if (state.lastClock !== null) {
    state.skipped += Math.max(0, Math.round((clock - state.lastClock) / frameMillis) - 1);
  }
  state.lastClock = clock;
  state.frames++;
  state.samples.push([latency, presentedEpoch, fieldcastAt]);
  return clock;
}

// Remembers the hls.js instance our player creates, so its own view of the latency can be reported.
let hls = null;
if (window.Hls) {
  const Original = window.Hls;
  window.Hls = class extends Original {
    constructor(config) {
      // ?liveSyncDurationCount=N: how far behind a plain HLS source (without PART-HOLD-BACK) plays.
      const sync = params.get('liveSyncDurationCount');
      super(sync ? { ...config, liveSyncDurationCount: Number(sync) } : config);
      hls = this;
    }
  };
}

let msePlayer = null;

/** hls.js's own figures: distance to the live edge, its target, and whether it sees LL-HLS parts. */
function playerState() {
  if (msePlayer) {
    // Our MSE player's: its buffer depth, its own latency estimate (buffer + delivery), jumps and drops.
    const { bufferMs, deliveryMs, latencyMs, dropped, jumps, rate, inits } = msePlayer.stats();
    return { bufferMs, deliveryMs, latencyMs, dropped, jumps, rate, inits };
  }
  const video = document.querySelector('[data-video]');
  if (!hls || !video) {
    return null;
  }
  const level = hls.levels && hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0];
  const details = level && level.details;
  const buffered = video.buffered.length ? video.buffered.end(video.buffered.length - 1) - video.currentTime : 0;
  return {
    latency: hls.latency,
    targetLatency: hls.targetLatency,
    playbackRate: video.playbackRate,
    bufferedAhead: buffered,
    parts: details && details.partList ? details.partList.length : 0,
    partHoldBack: details ? details.partHoldBack : null,
  };
}

function playHls() {
  const video = document.querySelector('[data-video]');
  video.hidden = false;
  const onFrame = (_now, metadata) => {
    try {
      measure(video, video.videoWidth, metadata.expectedDisplayTime);
    } catch (e) {
      state.errors.push(String(e));
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  state.attachedAt = performance.now();
  attachPlayer(video, src, { lowLatency: params.get('lowLatency') !== 'false' });
}

function playMse() {
  const video = document.querySelector('[data-video]');
  video.hidden = false;
  const onFrame = (_now, metadata) => {
    try {
      measure(video, video.videoWidth, metadata.expectedDisplayTime);
    } catch (e) {
      state.errors.push(String(e));
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  state.attachedAt = performance.now();
  msePlayer = new MsePlayer(video, {
    camera: params.get('camera'),
    stream: params.get('stream') || 'main',
    socket: new MseSocket(src),
    onStatus: (status) => {
      if (['error', 'unsupported', 'refused'].includes(status.state)) {
        state.errors.push(`player ${status.state}${status.reason ? `: ${status.reason}` : ''}`);
      }
    },
  });
  msePlayer.start();
}

function playMjpeg() {
  const image = document.querySelector('[data-image]');
  image.hidden = false;
  if (params.get('cors') === '1') {
    image.crossOrigin = 'anonymous'; // lets the canvas read a picture from another origin that allows it
  }
  const onAnimationFrame = (now) => {
    if (image.naturalWidth > 0) {
      try {
        measure(image, image.naturalWidth, now);
      } catch (e) {
        state.errors.push(String(e));
      }
    }
    window.requestAnimationFrame(onAnimationFrame);
  };
  window.requestAnimationFrame(onAnimationFrame);
  state.attachedAt = performance.now();
  image.src = src;
}

function playWebSocket() {
  const screen = document.querySelector('[data-screen]');
  screen.hidden = false;
  const context = screen.getContext('2d');
  const camera = params.get('camera');
  let decoding = false;
  let pending = null;
  state.attachedAt = performance.now();
  const socket = new WebSocket(src);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => socket.send(JSON.stringify({ subscribe: [camera], profile: params.get('profile') || 'default' }));
  socket.onerror = () => state.errors.push('websocket error');
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') {
      return;
    }
    pending = event.data; // latest frame wins, as the server promises too
    if (!decoding) {
      drawNext();
    }
  };
  async function drawNext() {
    decoding = true;
    while (pending) {
      const message = new DataView(pending);
      const bytes = new Uint8Array(pending);
      pending = null;
      const idLength = message.getUint8(1);
      const fieldcastAt = Number(message.getBigUint64(2 + idLength));
      const jpeg = bytes.subarray(2 + idLength + 8);
      try {
        const picture = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
        if (screen.width !== picture.width) {
          screen.width = picture.width;
          screen.height = picture.height;
        }
        context.drawImage(picture, 0, 0);
        measure(picture, picture.width, performance.now(), fieldcastAt);
        picture.close();
      } catch (e) {
        state.errors.push(String(e));
      }
    }
    decoding = false;
  }
}

({ hls: playHls, mse: playMse, mjpeg: playMjpeg, ws: playWebSocket }[mode] || (() => state.errors.push(`unknown mode ${mode}`)))();
