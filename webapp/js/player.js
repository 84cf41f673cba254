// Plays one HLS stream in one <video>: hls.js where Media Source Extensions exist, the browser's own HLS
// otherwise (iOS Safari). A fatal error tears the player down and retries after a growing pause, so a
// camera that is still starting, or a server that restarted, recovers without a page reload.
// The current state is mirrored to video.dataset.playerState for styling and for browser tests.

const RETRY_FIRST_MS = 2000;
const TELEMETRY_MS = 5000;
const RETRY_MAX_MS = 10000;
const HLS_MIME = 'application/vnd.apple.mpegurl';
// Loaded from this origin rather than as a blob: URL, so a strict CSP only needs worker-src 'self'.
const WORKER_URL = new URL('../vendor/hls.js/hls.worker.js', import.meta.url).href;
// How far behind the live edge our player plays, in part targets. Fieldcast's playlists advertise a
// PART-HOLD-BACK of three part targets, the least Apple's players accept (its HLS authoring
// specification, 14.3) and what Safari and iOS play from natively; hls.js plays two behind without
// more stalls and 0.15 s closer to live (README, Benchmarks), so this player asks for two itself.
const PART_TARGETS_BEHIND_LIVE = 2;
const PART_TARGET = /^#EXT-X-PART-INF:(?:.*,)?PART-TARGET=([0-9.]+)/m;

function hlsConfig(Hls, lowLatency, onPartTarget) {
  const common = { workerPath: WORKER_URL, backBufferLength: 10 };
  if (!lowLatency) {
    return { ...common, lowLatencyMode: false };
  }
  return {
    ...common,
    // Uses LL-HLS parts and blocking playlist reloads when the server offers them. No
    // liveSyncDuration(Count) here: either would also apply to playlists without parts, and in whole
    // target durations (segments) rather than parts; the distance comes from the part target instead.
    // (Nor liveMaxLatencyDurationCount, which hls.js refuses without liveSyncDurationCount.)
    lowLatencyMode: true,
    // Catch up by playing slightly faster rather than jumping when we drift behind.
    maxLiveSyncPlaybackRate: 1.2,
    pLoader: partTargetReader(Hls, onPartTarget),
  };
}

/**
 * hls.js's playlist loader, reading each media playlist's PART-TARGET before hls.js handles it.
 * hls.js plays at its target latency, which is PART-HOLD-BACK unless the page sets one
 * (latency-controller's targetLatency, set through hls.targetLatency). It picks where to start while it
 * handles the first media playlist, before any LEVEL_LOADED listener of ours runs, and afterwards
 * catches up only with more than a second buffered; so the target must be set from here, not later.
 */
function partTargetReader(Hls, onPartTarget) {
  return class extends Hls.DefaultConfig.loader {
    load(context, config, callbacks) {
      const onSuccess = callbacks.onSuccess;
      callbacks.onSuccess = (response, stats, loaded, networkDetails) => {
        const found = typeof response.data === 'string' ? PART_TARGET.exec(response.data) : null;
        if (found) {
          onPartTarget(Number(found[1]));
        }
        onSuccess(response, stats, loaded, networkDetails);
      };
      super.load(context, config, callbacks);
    }
  };
}

/**
 * Attaches a live HLS stream to a video element.
 * @param {HTMLVideoElement} video
 * @param {string} hlsUrl absolute or page-relative URL of the playlist
 * @param {{lowLatency?: boolean, onTelemetry?: (figures: {latency?: number, partLoad?: number, stalls: number}) => void}} [options]
 *   onTelemetry is called every 5 s with hls.js's latency estimate (s), the mean load time of parts
 *   and fragments (s) and the stalls since the last call
 * @returns {{destroy: () => void}}
 */
export function attachPlayer(video, hlsUrl, { lowLatency = true, onTelemetry = null } = {}) {
  const Hls = window.Hls;
  const useHlsJs = Boolean(Hls && Hls.isSupported());
  if (!useHlsJs && !video.canPlayType(HLS_MIME)) {
    setState(video, 'unsupported');
    return { destroy() {} };
  }

  let hls = null;
  let retryTimer = 0;
  let retryDelay = RETRY_FIRST_MS;
  let destroyed = false;
  const figures = { stalls: 0, loads: [] };
  const telemetryTimer = onTelemetry ? window.setInterval(() => reportTelemetry(), TELEMETRY_MS) : 0;

  function reportTelemetry() {
    if (!hls) {
      return;
    }
    const latency = Number.isFinite(hls.latency) && hls.latency > 0 ? hls.latency : undefined;
    const partLoad = figures.loads.length
      ? figures.loads.reduce((a, b) => a + b, 0) / figures.loads.length / 1000 : undefined;
    onTelemetry({ latency, partLoad, stalls: figures.stalls });
    figures.stalls = 0;
    figures.loads = [];
  }

  const onPlaying = () => {
    retryDelay = RETRY_FIRST_MS;
    setState(video, 'playing');
  };
  const onWaiting = () => setState(video, 'waiting');
  const onNativeError = () => failAndRetry();
  video.addEventListener('playing', onPlaying);
  video.addEventListener('waiting', onWaiting);
  if (!useHlsJs) {
    video.addEventListener('error', onNativeError);
  }

  function start() {
    setState(video, 'loading');
    if (useHlsJs) {
      let partTarget = 0;
      const instance = new Hls(hlsConfig(Hls, lowLatency, (target) => {
        if (target > 0 && target !== partTarget) {
          // Set once per part target: hls.js's setter also forgets the stalls that lengthen its target.
          partTarget = target;
          instance.targetLatency = PART_TARGETS_BEHIND_LIVE * target;
        }
      }));
      hls = instance;
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.details === Hls.ErrorDetails.BUFFER_STALLED_ERROR) {
          figures.stalls += 1;
        }
        if (data.fatal) {
          failAndRetry();
        }
      });
      hls.on(Hls.Events.FRAG_LOADED, (_event, data) => {
        const loading = (data.part || data.frag)?.stats?.loading;
        if (loading && loading.end > loading.start) {
          figures.loads.push(loading.end - loading.start);
        }
      });
      hls.on(Hls.Events.MANIFEST_PARSED, () => play(video));
      hls.attachMedia(video);
      hls.loadSource(hlsUrl);
    } else {
      video.src = hlsUrl;
      play(video);
    }
  }

  function stop() {
    if (hls) {
      hls.destroy();
      hls = null;
    }
    video.removeAttribute('src');
    video.load();
  }

  function failAndRetry() {
    if (destroyed || retryTimer) {
      return;
    }
    // Armed before stop(), so an error event that the teardown itself raises is ignored.
    retryTimer = window.setTimeout(() => {
      retryTimer = 0;
      if (!destroyed) {
        start();
      }
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
    stop();
    setState(video, 'error');
  }

  start();

  return {
    destroy() {
      destroyed = true;
      window.clearTimeout(retryTimer);
      window.clearInterval(telemetryTimer);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('waiting', onWaiting);
      video.removeEventListener('error', onNativeError);
      stop();
      setState(video, 'stopped');
    },
  };
}

function play(video) {
  // Autoplay of a muted video is allowed; a refusal is not an error, the 'playing' event just never comes.
  video.play().catch(() => {});
}

function setState(video, state) {
  video.dataset.playerState = state;
}
