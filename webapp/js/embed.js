// Wires the embeddable single-camera page (embed.html?camera=<id>): the player fills the frame, a small
// badge shows the stream state, and the camera list is polled every 5 s to keep that badge current.

import { fetchCameras } from './cameras.js';
import { FallbackView } from './fallback-view.js';
import { health } from './health-socket.js';
import { attachPlayer } from './player.js';
import { attachPtzControls } from './ptz-controls.js';
import { showState } from './state-badge.js';
import { describe, isTrouble } from './stream-status.js';
import { SubsecondView } from './subsecond-view.js';
import { VisibilityGate } from './visibility.js';

const REFRESH_MS = 5000;

const frame = document.querySelector('[data-embed]');
const video = frame.querySelector('[data-player]');
const badge = frame.querySelector('[data-camera-state]');
const message = frame.querySelector('[data-message]');
const cameraId = new URLSearchParams(window.location.search).get('camera');

let hlsUrl = null;
let player = null;
let visible = false;
let snapshotUrl = null;
const fallback = new FallbackView(frame.querySelector('[data-fallback]'));
// ?view=ws (frames over the socket, on a canvas) or ?view=mjpeg (an <img>) instead of LL-HLS.
const subsecond = new SubsecondView(frame, { fixedView: new URLSearchParams(window.location.search).get('view') });

// State changes arrive at once over the health socket; the 5 s refresh below is the fallback for them.
if (cameraId) {
  health.subscribe(cameraId, (h) => {
    showState(badge, h.state);
    badge.title = describe(h);
    badge.hidden = false;
    say(isTrouble(h.state) || h.state === 'FALLBACK' ? describe(h) : '');
    fallback.update(h, snapshotUrl);
  });
}

// An iframe scrolled out of its parent page stops playing too, so the server can go idle.
new VisibilityGate({ rootMargin: '0px' }).watch(frame, {
  show: () => { visible = true; startPlayer(); },
  hide: () => { visible = false; stopPlayer(); },
});

async function refresh() {
  try {
    const camera = (await fetchCameras()).find((c) => c.id === cameraId);
    if (camera) {
      showCamera(camera);
    } else {
      useStream(null);
      badge.hidden = true;
      say(`There is no camera "${cameraId}".`);
    }
  } catch (e) {
    say(`Cannot load the camera: ${e.message}.`);
  } finally {
    window.setTimeout(refresh, REFRESH_MS);
  }
}

function showCamera(camera) {
  document.title = `${camera.name || camera.id} – Fieldcast`;
  // Hooks for the controls added to this page (PTZ pad), which depend on the camera type.
  frame.dataset.cameraId = camera.id;
  frame.dataset.cameraType = camera.type || '';
  showPtz(camera);
  snapshotUrl = camera.streams && camera.streams.snapshot ? new URL(camera.streams.snapshot, document.baseURI).href : null;
  showState(badge, camera.state);
  badge.title = camera.stateReason || '';
  badge.hidden = false;
  say(isTrouble(camera.state) ? camera.stateReason || '' : '');
  subsecond.update(camera);
  useStream(camera.streams && camera.streams.hls ? new URL(camera.streams.hls, document.baseURI).href : null);
}

let ptz = null;

// PTZ domes get the pad, zoom, presets and the alarm button over the picture.
function showPtz(camera) {
  const wanted = Boolean(camera.controls && camera.controls.ptz);
  if (wanted && !ptz) {
    ptz = attachPtzControls(frame.querySelector('[data-ptz]'), camera);
  } else if (!wanted && ptz) {
    ptz.destroy();
    ptz = null;
  }
}

function useStream(url) {
  if (url !== hlsUrl) {
    hlsUrl = url;
    stopPlayer();
    startPlayer();
  }
}

function startPlayer() {
  if (visible && subsecond.start()) {
    return;
  }
  if (visible && hlsUrl && !player) {
    player = attachPlayer(video, hlsUrl, {
      lowLatency: true,
      onTelemetry: (figures) => health.report(cameraId, figures),
    });
  }
}

function stopPlayer() {
  subsecond.stop();
  if (player) {
    player.destroy();
    player = null;
  }
}

function say(text) {
  message.textContent = text;
  message.hidden = !text;
}

if (cameraId) {
  refresh();
} else {
  say('No camera chosen: open this page as embed.html?camera=<id>.');
}
