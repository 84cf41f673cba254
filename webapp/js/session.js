// Who is using the dashboard, asked once at start (GET api/session) and kept in memory only, and the
// fetch every dashboard API call goes through: it sends the login's CSRF token on state-changing
// requests and sends the user to the login page when the session has ended.

import { csrfHeaders, setCsrfToken } from './csrf-token.js';

const ROLES = ['viewer', 'operator', 'admin'];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FETCH_TIMEOUT_MS = 4000;

/** @type {{username: string, kind: string, role: string, sites: string[], csrfToken: string|null}|null} */
let current = null;

/** Thrown by loadSession() and apiFetch() once the page is on its way to the login page. */
export class SessionEnded extends Error {
  constructor() {
    super('the session has ended');
    this.name = 'SessionEnded';
  }
}

/**
 * Asks the server who is logged in. Resolves with the session; on 401 goes to the login page and
 * rejects with SessionEnded; rejects with a message fit to show when the server cannot say.
 */
export async function loadSession() {
  let response;
  try {
    response = await fetch('api/session', {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout ? AbortSignal.timeout(FETCH_TIMEOUT_MS) : undefined,
    });
  } catch (e) {
    throw new Error(`the server did not answer (${e.message})`);
  }
  if (response.status === 401) {
    toLogin();
    throw new SessionEnded();
  }
  const body = response.ok ? await response.json().catch(() => null) : null;
  if (!body || typeof body.username !== 'string' || !ROLES.includes(body.role)) {
    throw new Error(`the server answered HTTP ${response.status} to "who is logged in"`);
  }
  current = {
    username: body.username,
    kind: body.kind || 'user',
    role: body.role,
    sites: Array.isArray(body.sites) ? body.sites : [],
    csrfToken: typeof body.csrfToken === 'string' ? body.csrfToken : null,
  };
  // The one place the page's state-changing requests take it from (the embed page sets its grant's).
  setCsrfToken(current.csrfToken);
  return current;
}

/** The session loadSession() found, or null before. */
export function session() {
  return current;
}

/** Whether the caller's role includes `role` (viewer < operator < admin); the server checks again. */
export function may(role) {
  return current !== null && ROLES.indexOf(current.role) >= ROLES.indexOf(role);
}

/** Anonymous callers (the server's anonymous role) have no session to end. */
export function canLogOut() {
  return current !== null && current.kind !== 'anonymous';
}

/**
 * fetch() for the dashboard's API calls: adds X-CSRF-Token to state-changing requests, and on 401
 * (the session expired or was ended elsewhere) goes to the login page and rejects with SessionEnded.
 * Other answers, a 403 included, are the caller's to show.
 */
export async function apiFetch(url, options = {}) {
  const method = (options.method || 'GET').toUpperCase();
  const headers = new Headers(options.headers || {});
  if (STATE_CHANGING.has(method)) {
    for (const [name, value] of Object.entries(csrfHeaders())) {
      headers.set(name, value);
    }
  }
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401) {
    toLogin();
    throw new SessionEnded();
  }
  return response;
}

/** Ends the session on the server, then shows the login page. */
export async function logOut() {
  const response = await apiFetch('api/session', { method: 'DELETE', cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`the server answered HTTP ${response.status}`);
  }
  current = null;
  setCsrfToken(null);
  window.location.assign('login.html');
}

let leaving = false;

/** Goes to the login page, which brings the user back to this page (path, query and fragment) afterwards. */
export function toLogin() {
  if (leaving) {
    return;
  }
  leaving = true;
  current = null;
  setCsrfToken(null);
  const here = window.location.pathname + window.location.search + window.location.hash;
  window.location.assign(`login.html?next=${encodeURIComponent(here)}`);
}
