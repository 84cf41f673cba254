// Wires the dashboard page: asks who is logged in (the login page if nobody), then polls the camera
// list (and, for admins, the station problems) every 5 s and keeps the grid and the status messages in
// step with them. The poll waits for the previous answer, so a slow server never gets requests piled up.

import { CameraGrid, fetchCameras } from './cameras.js';
import { apiFetch, canLogOut, loadSession, logOut, may } from './session.js';
import { StationProblems } from './station-problems.js';
import { VisibilityGate } from './visibility.js';

const REFRESH_MS = 5000;

const problems = new StationProblems(document.querySelector('[data-problems]'), apiFetch);
const message = document.querySelector('[data-message]');
const updated = document.querySelector('[data-updated]');
let grid = null;

async function start() {
  let session;
  try {
    session = await loadSession();
  } catch (e) {
    if (e.name !== 'SessionEnded') {
      say('danger', `Cannot tell who is logged in: ${e.message}. Retrying every ${REFRESH_MS / 1000} s.`);
      window.setTimeout(start, REFRESH_MS);
    }
    return;
  }
  showUser(session);
  grid = new CameraGrid(
    document.querySelector('[data-camera-grid]'),
    {
      site: document.querySelector('[data-site-template]'),
      tile: document.querySelector('[data-tile-template]'),
    },
    new VisibilityGate(),
    { mayOperate: may('operator'), fetch: apiFetch },
  );
  refresh();
}

async function refresh() {
  try {
    const cameras = await fetchCameras(apiFetch);
    grid.render(cameras);
    if (cameras.length === 0) {
      say('info', 'No cameras are configured yet.');
    } else {
      say(null, '');
    }
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    updated.dataset.loaded = 'true';
  } catch (e) {
    if (e.name === 'SessionEnded') {
      return; // on the way to the login page
    }
    // Existing tiles stay: their players recover on their own if only the list endpoint failed.
    say('danger', `Cannot load the camera list: ${e.message}. Retrying every ${REFRESH_MS / 1000} s.`);
    if (!updated.dataset.loaded) {
      updated.textContent = 'No camera list';
    }
  }
  // Station problems are the admin's to fix (and only theirs to read).
  if (may('admin')) {
    await problems.refresh();
  }
  window.setTimeout(refresh, REFRESH_MS);
}

function showUser(session) {
  document.querySelector('[data-user-name]').textContent = session.username;
  document.querySelector('[data-user-role]').textContent = session.role;
  document.querySelector('[data-user]').hidden = false;
  document.body.dataset.role = session.role;
  const logout = document.querySelector('[data-logout]');
  logout.hidden = !canLogOut();
  // Anonymous callers (the station lets anyone watch) may still log in to an account for more.
  const login = document.querySelector('[data-login-link]');
  login.hidden = canLogOut();
  login.href = `login.html?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await logOut();
    } catch (e) {
      if (e.name !== 'SessionEnded') {
        logout.disabled = false;
        say('danger', `Cannot log out: ${e.message}.`);
      }
    }
  });
}

function say(level, text) {
  message.hidden = !level;
  message.className = level ? `alert alert-${level}` : 'alert';
  message.textContent = text;
  document.body.dataset.listState = level === 'danger' ? 'error' : level === 'info' ? 'empty' : 'ok';
}

start();
