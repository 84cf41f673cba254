// The grid probe: a dashboard of N tiles on one page, each playing one LL-HLS source through our own
// player module (hls.js with Fieldcast's settings), each frame's ruler read as it is presented
// (requestVideoFrameCallback, timed at its expected display time), as probe.js does for one video.
// Java polls window.fieldcastGrid.drain() for every tile's samples and for the protocols the page's
// requests travelled on (Resource Timing's nextHopProtocol).
// ?mode=mse&socket=URL&camera=ID&camera=ID...[&stream=sub]: the tiles play our MsePlayer instead, all on
// one MseSocket to URL (Fieldcast's /ws/mse; the page is on another origin), as the dashboard does.
import { attachPlayer } from '/webapp/js/player.js';
import { MsePlayer } from '/webapp/js/mse-player.js';
import { MseSocket } from '/webapp/js/mse-socket.js';
import { latencyMillis, readClock, rulerArea, margin, block } from './ruler.js';

const params = new URLSearchParams(window.location.search);
const mse = params.get('mode') === 'mse';
const sources = mse ? params.getAll('camera') : params.getAll('src');
const mseSocket = mse ? new MseSocket(params.get('socket')) : null;
const frameMillis = 1000 / Number(params.get('fps') || 25);
// A reading this far off is not a clock (a frame without the ruler, a half-decoded picture).
const PLAUSIBLE_MS = 60000;

// One row of pixels through the middle of the ruler's blocks is all readClock looks at: copying only
// that row keeps the probe's own share of the browser's CPU small with 16 videos at 25 fps.
const row = document.createElement('canvas');
row.height = 1;
const rowContext = row.getContext('2d', { willReadFrequently: true });

const protocols = {}; // nextHopProtocol -> requests, for requests to the sources' origin
const sourceOrigin = mse || !sources.length ? '' : new URL(sources[0]).origin;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (sourceOrigin && entry.name.startsWith(sourceOrigin)) {
      // Empty for a cross-origin response without Timing-Allow-Origin, which Fieldcast does not send.
      const protocol = entry.nextHopProtocol || 'not exposed';
      protocols[protocol] = (protocols[protocol] || 0) + 1;
    }
  }
}).observe({ type: 'resource', buffered: true });

// hls.js's own distance to the live edge per tile: with the ruler's figure it tells a player that
// plays far behind from a browser that decodes and paints late. Each instance is found by the video
// it attaches to, so the player's retries (new instances) are followed too.
if (window.Hls) {
  const Original = window.Hls;
  window.Hls = class extends Original {
    attachMedia(media) {
      media.fieldcastHls = this;
      super.attachMedia(media);
    }
  };
}

const errors = [];
window.addEventListener('error', (e) => errors.push(String(e.message)));

function newTile(src) {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  document.querySelector('[data-grid]').append(video);
  return {
    src, video, attachedAt: null, firstFrameAt: null, frames: 0, unreadable: 0, skipped: 0,
    samples: [], // [latency ms, presented at epoch ms]
    lastClock: null,
  };
}

/** Reads the ruler of the tile's current frame and records a sample presented at that time. */
function measure(tile, presentedAt) {
  const width = tile.video.videoWidth;
  const area = rulerArea(width);
  const y = margin(width) + Math.floor(block(width) / 2);
  if (row.width !== area.width) {
    row.width = area.width;
  }
  rowContext.drawImage(tile.video, 0, y, area.width, 1, 0, 0, area.width, 1);
  const pixels = rowContext.getImageData(0, 0, area.width, 1).data;
  const clock = readClock(width, (x) => 0.299 * pixels[x * 4] + 0.587 * pixels[x * 4 + 1] + 0.114 * pixels[x * 4 + 2]);
  const presentedEpoch = presentedAt + (Date.now() - performance.now());
  const latency = latencyMillis(clock, presentedEpoch);
  if (latency > PLAUSIBLE_MS) {
    tile.unreadable++;
    return;
  }
  if (tile.firstFrameAt === null) {
    tile.firstFrameAt = presentedAt;
  }
  if (tile.lastClock !== null && clock === tile.lastClock) {
    return; // the same picture again
  }
  if (tile.lastClock !== null) {
    tile.skipped += Math.max(0, Math.round((clock - tile.lastClock) / frameMillis) - 1);
  }
  tile.lastClock = clock;
  tile.frames++;
  tile.samples.push([latency, presentedEpoch]);
}

function play(tile) {
  const onFrame = (_now, metadata) => {
    try {
      measure(tile, metadata.expectedDisplayTime);
    } catch (e) {
      errors.push(String(e));
    }
    tile.video.requestVideoFrameCallback(onFrame);
  };
  tile.video.requestVideoFrameCallback(onFrame);
  tile.attachedAt = performance.now();
  if (mse) {
    tile.player = new MsePlayer(tile.video, {
      camera: tile.src,
      stream: params.get('stream') || 'main',
      socket: mseSocket,
      onStatus: (status) => {
        if (['error', 'unsupported', 'refused'].includes(status.state)) {
          errors.push(`${tile.src}: player ${status.state}${status.reason ? `: ${status.reason}` : ''}`);
        }
      },
    });
    tile.player.start();
  } else {
    attachPlayer(tile.video, tile.src, { lowLatency: true });
  }
}

/** The player's own latency estimate in seconds: hls.js's distance to live, or our MSE player's buffer + delivery. */
function playerLatency(tile) {
  if (tile.player) {
    return tile.player.stats().latencyMs / 1000;
  }
  const hls = tile.video.fieldcastHls;
  return hls && Number.isFinite(hls.latency) ? hls.latency : null;
}

document.querySelector('[data-grid]').style.setProperty('--columns', String(Math.ceil(Math.sqrt(sources.length))));
const tiles = sources.map(newTile);
tiles.forEach(play);

window.fieldcastGrid = {
  drain() {
    const out = {
      errors: errors.splice(0),
      protocols: { ...protocols },
      tiles: tiles.map((t) => ({
        attachedAt: t.attachedAt, firstFrameAt: t.firstFrameAt, frames: t.frames, unreadable: t.unreadable,
        skipped: t.skipped, state: t.video.dataset.playerState || '', samples: t.samples.splice(0),
        playerLatency: playerLatency(t),
        size: t.video.videoWidth ? `${t.video.videoWidth}x${t.video.videoHeight}` : '',
      })),
    };
    return out;
  },
};
