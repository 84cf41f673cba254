// The login page: sends the user name and password to POST api/session and, once logged in, goes to
// the page the user came for (?next=, a path of this site only). Offers single sign-on when the
// server says it is set up.

import { safeNext } from './next-page.js';

const FETCH_TIMEOUT_MS = 10000;

const form = document.querySelector('[data-login-form]');
const username = form.querySelector('[data-username]');
const password = form.querySelector('[data-password]');
const submit = form.querySelector('[data-login-submit]');
const error = form.querySelector('[data-login-error]');
const next = safeNext(new URLSearchParams(window.location.search).get('next'), document.baseURI);

let waitTimer = null;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!username.value.trim() || !password.value) {
    say('Enter a user name and a password.');
    (username.value.trim() ? password : username).focus();
    return;
  }
  submit.disabled = true;
  document.body.dataset.loginState = 'sending';
  let response;
  try {
    response = await fetch('api/session', {
      method: 'POST',
      cache: 'no-store',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: username.value.trim(), password: password.value }),
      signal: AbortSignal.timeout ? AbortSignal.timeout(FETCH_TIMEOUT_MS) : undefined,
    });
  } catch (e) {
    submit.disabled = false;
    say(`The server did not answer (${e.message}). Check the connection and try again.`);
    return;
  }
  if (response.ok) {
    document.body.dataset.loginState = 'done';
    window.location.replace(next);
    return;
  }
  password.value = '';
  if (response.status === 401) {
    submit.disabled = false;
    say('Wrong user name or password.');
    password.focus();
  } else if (response.status === 429) {
    waitOut(retryAfterSeconds(response.headers.get('Retry-After')));
  } else {
    submit.disabled = false;
    const body = await response.json().catch(() => ({}));
    say(`The server answered HTTP ${response.status}${body.error ? `: ${body.error}` : ''}. Try again.`);
  }
});

// Too many failed logins: the button stays off and counts down the server's wait.
function waitOut(seconds) {
  window.clearInterval(waitTimer);
  let left = seconds;
  const tick = () => {
    if (left <= 0) {
      window.clearInterval(waitTimer);
      submit.disabled = false;
      say('You may try again now.', 'info');
      return;
    }
    say(`Too many failed logins. Try again in ${left} s.`);
    left -= 1;
  };
  submit.disabled = true;
  tick();
  waitTimer = window.setInterval(tick, 1000);
}

/** Retry-After is seconds or an HTTP date; a missing or odd value means half a minute. */
function retryAfterSeconds(value) {
  if (value && /^\d+$/.test(value.trim())) {
    return Math.max(1, Number(value.trim()));
  }
  const date = value ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? 30 : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

function say(text, level = 'danger') {
  error.textContent = text;
  error.className = `alert alert-${level} small`;
  error.hidden = !text;
  document.body.dataset.loginState = text ? (level === 'danger' ? 'error' : 'ready') : 'ready';
}

// The button appears only when the server confirms single sign-on; any other answer keeps it hidden.
async function offerSingleSignOn() {
  try {
    const response = await fetch('api/session/sso', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (response.status !== 200) {
      return;
    }
    const sso = await response.json();
    if (!sso || sso.enabled !== true || typeof sso.loginUrl !== 'string') {
      return;
    }
    const login = new URL(sso.loginUrl, document.baseURI);
    if (login.origin !== window.location.origin) {
      return; // the server's own endpoint starts the flow; a foreign address here is a mistake
    }
    login.searchParams.set('next', next);
    const link = document.querySelector('[data-sso-login]');
    link.href = login.pathname + login.search;
    document.querySelector('[data-sso]').hidden = false;
  } catch (e) {
    // No single sign-on offered; the password form works on its own.
  }
}

document.body.dataset.loginState = 'ready';
offerSingleSignOn();
