// Wires the embeddable single-camera page (embed.html?camera=<id>, or embed.html?grant=<signed grant> in
// another site's page): the player fills the frame, a small badge shows the stream state, and the camera
// list is polled every 5 s to keep that badge current.
//
// A grant is exchanged at once for a cookie (partitioned to the embedding site) and dropped from the
// address: the player's requests (playlists, parts, sockets) carry the cookie, never the grant, so no
// proxy or CDN log holds it.

import { fetchCameras } from './cameras.js';
import { setCsrfToken } from './csrf-token.js';
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
const params = new URLSearchParams(window.location.search);
let cameraId = params.get('camera');
let grantEnd = null;

let hlsUrl = null;
let player = null;
let visible = false;
let snapshotUrl = null;
const fallback = new FallbackView(frame.querySelector('[data-fallback]'));
// LL-HLS, or ?view=mse (the camera's H.264 over the MSE socket, its main stream; the dashboard's "open"
// link asks for it), ?view=ws (frames over the socket, on a canvas) or ?view=mjpeg (an <img>). Where MSE
// cannot play the camera, LL-HLS takes over.
const subsecond = new SubsecondView(frame, {
  fixedView: params.get('view'),
  speaker: true,
  onSwitch: () => {
    stopPlayer();
    startPlayer();
  },
});

// State changes arrive at once over the health socket; the 5 s refresh below is the fallback for them.
function watchHealth() {
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
    if (grantEnd && Date.now() >= grantEnd) {
      stopPlayer();
      say('This embedded camera has expired.');
      return;
    }
    const camera = (await fetchCameras()).find((c) => c.id === cameraId);
    if (camera) {
      showCamera(camera);
    } else {
      useStream(null);
      badge.hidden = true;
      say(`There is no camera "${cameraId}".`);
    }
  } catch (e) {
    if (grantEnd && / 401\b/.test(e.message)) {
      // The grant expired or was revoked: its playlists get the same answer, so stop asking for them.
      useStream(null);
      say('This embedded camera is no longer shared with this page.');
    } else {
      say(`Cannot load the camera: ${e.message}.`);
    }
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
    ptz = attachPtzControls(frame.querySelector('[data-ptz]'), camera, {
      onSteer: (moving) => subsecond.steer(moving),
    });
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
      onTelemetry: (figures) => {
        health.report(cameraId, figures);
        subsecond.showHlsLatency(figures.latency === undefined ? null : figures.latency * 1000);
      },
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

/** Exchanges the grant for the embed cookie; the answer names its cameras and its CSRF token. */
async function exchange(grant) {
  const response = await fetch('api/embeds/session', {
    method: 'POST',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ grant }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `HTTP ${response.status}`);
  }
  return body;
}

/** The address without the grant, and with the camera it shows, so a reload needs no grant. */
function forgetGrant() {
  const url = new URL(window.location.href);
  url.searchParams.delete('grant');
  if (cameraId) {
    url.searchParams.set('camera', cameraId);
  }
  window.history.replaceState(null, '', url.href);
}

async function start() {
  const grant = params.get('grant');
  if (grant) {
    try {
      const session = await exchange(grant);
      cameraId = session.cameras.includes(cameraId) ? cameraId : session.cameras[0];
      grantEnd = Date.parse(session.expiresAt) || null;
      setCsrfToken(session.csrfToken);
    } catch (e) {
      cameraId = null;
      forgetGrant();
      say(`This embedded camera cannot be shown: ${e.message}.`);
      return;
    }
    forgetGrant();
  }
  if (cameraId) {
    watchHealth();
    refresh();
  } else {
    say('No camera chosen: open this page as embed.html?camera=<id>.');
  }
}

start();
