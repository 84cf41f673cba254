// Wires the dashboard page: polls the camera list (and the station problems) every 5 s and keeps the
// grid and the status messages in step with them. The poll waits for the previous answer, so a slow
// server never gets requests piled up.

import { CameraGrid, fetchCameras } from './cameras.js';
import { StationProblems } from './station-problems.js';
import { VisibilityGate } from './visibility.js';

const REFRESH_MS = 5000;

const grid = new CameraGrid(
  document.querySelector('[data-camera-grid]'),
  {
    site: document.querySelector('[data-site-template]'),
    tile: document.querySelector('[data-tile-template]'),
  },
  new VisibilityGate(),
);
const problems = new StationProblems(document.querySelector('[data-problems]'));
const message = document.querySelector('[data-message]');
const updated = document.querySelector('[data-updated]');

async function refresh() {
  try {
    const cameras = await fetchCameras();
    grid.render(cameras);
    if (cameras.length === 0) {
      say('info', 'No cameras are configured yet.');
    } else {
      say(null, '');
    }
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    updated.dataset.loaded = 'true';
  } catch (e) {
    // Existing tiles stay: their players recover on their own if only the list endpoint failed.
    say('danger', `Cannot load the camera list: ${e.message}. Retrying every ${REFRESH_MS / 1000} s.`);
    if (!updated.dataset.loaded) {
      updated.textContent = 'No camera list';
    }
  } finally {
    await problems.refresh();
    window.setTimeout(refresh, REFRESH_MS);
  }
}

function say(level, text) {
  message.hidden = !level;
  message.className = level ? `alert alert-${level}` : 'alert';
  message.textContent = text;
  document.body.dataset.listState = level === 'danger' ? 'error' : level === 'info' ? 'empty' : 'ok';
}

refresh();
