// The PTZ panel of one camera, for a dashboard tile or the embed page: the hold-to-move pad, zoom
// buttons (hold), preset buttons (recall; "Store" then a preset asks before overwriting it) and the
// virtual alarm button, which shows the camera's alarm state and toggles it.

import { PtzLink } from './ptz-link.js';
import { PtzPad } from './ptz-pad.js';

const PRESETS = [1, 2, 3, 4];
const ALARM = 1;
const ALARM_POLL_MS = 5000;
const CONFIRM_MS = 6000;
// The server records a command as it runs it; asking for the last operator a moment later sees it.
const ACTION_SETTLE_MS = 300;

/**
 * Fills `container` with the controls of `camera` (shape: GET api/cameras; needs camera.controls.ptz).
 * @param {{fetch?: typeof fetch, onAction?: () => void, onSteer?: (moving: boolean) => void}} options the
 *   fetch for the HTTP commands (the dashboard's adds the CSRF token), who to tell after each command
 *   went through, and who to tell when the operator starts moving the camera (a held move, a preset
 *   recall) and when they let go
 * @returns {{destroy: () => void}}
 */
export function attachPtzControls(container, camera, options = {}) {
  const panel = build(camera);
  const message = panel.querySelector('[data-ptz-message]');
  let settle = null;
  const acted = () => {
    window.clearTimeout(settle);
    settle = window.setTimeout(() => options.onAction?.(), ACTION_SETTLE_MS);
  };
  const steer = options.onSteer || (() => {});
  const link = new PtzLink(camera.controls, (error) => say(error), {
    fetch: options.fetch, onStop: acted, onMoving: steer,
  });
  new PtzPad(panel.querySelector('[data-ptz-pad]'), link);

  function say(text) {
    message.textContent = text || '';
    message.hidden = !text;
    panel.dataset.ptzState = text ? 'error' : 'ok';
  }

  for (const button of panel.querySelectorAll('[data-ptz-zoom]')) {
    holdButton(button, () => link.move({ pan: 0, tilt: 0, zoom: button.dataset.ptzZoom === 'in' ? 1 : -1 }), () => link.stop());
  }

  const store = panel.querySelector('[data-ptz-store]');
  store.addEventListener('click', () => setStoring(store.getAttribute('aria-pressed') !== 'true'));
  function setStoring(on) {
    store.setAttribute('aria-pressed', String(on));
    store.classList.toggle('active', on);
    panel.classList.toggle('fc-ptz-storing', on);
  }

  for (const button of panel.querySelectorAll('[data-ptz-preset]')) {
    const n = button.dataset.ptzPreset;
    button.addEventListener('click', () => {
      if (store.getAttribute('aria-pressed') === 'true') {
        setStoring(false);
        confirmStore(n);
      } else {
        steer(true);
        link.post(`${link.restUrl}/presets/${n}/recall`).then(acted).catch(() => {}).finally(() => steer(false));
      }
    });
  }

  const confirm = panel.querySelector('[data-ptz-confirm]');
  let confirmTimer = null;
  function confirmStore(n) {
    confirm.querySelector('[data-ptz-confirm-text]').textContent = `Store this view as preset ${n}?`;
    confirm.dataset.preset = n;
    confirm.hidden = false;
    window.clearTimeout(confirmTimer);
    confirmTimer = window.setTimeout(() => { confirm.hidden = true; }, CONFIRM_MS);
  }
  confirm.querySelector('[data-ptz-confirm-yes]').addEventListener('click', () => {
    confirm.hidden = true;
    link.post(`${link.restUrl}/presets/${confirm.dataset.preset}/store`)
      .then(() => { say(null); acted(); })
      .catch(() => {});
  });
  confirm.querySelector('[data-ptz-confirm-no]').addEventListener('click', () => { confirm.hidden = true; });

  const alarm = panel.querySelector('[data-ptz-alarm]');
  const alarmUrl = link.alarmsUrl ? `${link.alarmsUrl}/${ALARM}` : null;
  function showAlarm(state) {
    alarm.dataset.active = String(state.active);
    alarm.setAttribute('aria-pressed', String(state.active));
    alarm.classList.toggle('btn-danger', state.active);
    alarm.classList.toggle('btn-outline-danger', !state.active);
    alarm.textContent = state.active ? `Alarm ${ALARM} on` : `Alarm ${ALARM}`;
  }
  alarm.addEventListener('click', () => {
    const raise = alarm.dataset.active !== 'true';
    link.post(`${alarmUrl}/${raise ? 'set' : 'clear'}`).then((state) => { showAlarm(state); acted(); }).catch(() => {});
  });
  async function pollAlarm() {
    if (alarmUrl && document.visibilityState === 'visible') {
      try {
        showAlarm(await link.request(alarmUrl));
      } catch (e) {
        // said in the message line already
      }
    }
  }
  alarm.hidden = !alarmUrl;
  pollAlarm();
  const poll = window.setInterval(pollAlarm, ALARM_POLL_MS);

  // A tab that goes to the background stops the camera rather than leave it turning.
  const hidden = () => {
    if (document.visibilityState !== 'visible') {
      link.stop();
    }
  };
  document.addEventListener('visibilitychange', hidden);

  container.replaceChildren(panel);
  container.hidden = false;
  return {
    destroy() {
      window.clearInterval(poll);
      window.clearTimeout(settle);
      document.removeEventListener('visibilitychange', hidden);
      link.close();
      container.replaceChildren();
      container.hidden = true;
    },
  };
}

function holdButton(button, start, stop) {
  let pointer = null;
  button.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    pointer = e.pointerId;
    button.setPointerCapture(e.pointerId);
    start();
  });
  for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) {
    button.addEventListener(type, (e) => {
      if (e.pointerId === pointer) {
        pointer = null;
        stop();
      }
    });
  }
  button.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
      e.preventDefault();
      start();
    }
  });
  button.addEventListener('keyup', (e) => {
    if (e.key === ' ' || e.key === 'Enter') {
      stop();
    }
  });
}

function build(camera) {
  const panel = element('div', 'fc-ptz-panel', { 'data-ptz-panel': '', 'data-ptz-state': 'ok' });
  const pad = element('div', 'fc-ptz-pad', {
    'data-ptz-pad': '', tabindex: '0', role: 'application', 'aria-roledescription': 'joystick',
    'aria-label': `Steer ${camera.name || camera.id}: hold and drag, or hold the arrow keys`,
  });
  pad.append(element('div', 'fc-ptz-knob', { 'data-ptz-knob': '' }));
  const zoom = element('div', 'btn-group-vertical btn-group-sm fc-ptz-zoom', { role: 'group', 'aria-label': 'Zoom' });
  zoom.append(
    button('+', 'btn btn-light', { 'data-ptz-zoom': 'in', 'aria-label': 'Zoom in (hold)' }),
    button('\u2212', 'btn btn-light', { 'data-ptz-zoom': 'out', 'aria-label': 'Zoom out (hold)' }),
  );
  const presets = element('div', 'fc-ptz-presets', { role: 'group', 'aria-label': 'Presets' });
  for (const n of PRESETS) {
    presets.append(button(String(n), 'btn btn-sm btn-light', { 'data-ptz-preset': String(n), 'aria-label': `Preset ${n}` }));
  }
  presets.append(button('Store', 'btn btn-sm btn-outline-light', {
    'data-ptz-store': '', 'aria-pressed': 'false', title: 'Store the current view: press, then a preset',
  }));
  const alarm = button(`Alarm ${ALARM}`, 'btn btn-sm btn-outline-danger fc-ptz-alarm', {
    'data-ptz-alarm': '', 'aria-pressed': 'false', title: `Virtual alarm ${ALARM} of the camera`,
  });
  const confirm = element('div', 'fc-ptz-confirm small', { 'data-ptz-confirm': '', role: 'alertdialog' });
  confirm.hidden = true;
  confirm.append(
    element('span', 'me-1', { 'data-ptz-confirm-text': '' }),
    button('Store', 'btn btn-sm btn-warning me-1', { 'data-ptz-confirm-yes': '' }),
    button('Cancel', 'btn btn-sm btn-secondary', { 'data-ptz-confirm-no': '' }),
  );
  const message = element('p', 'fc-ptz-message small', { 'data-ptz-message': '', role: 'status' });
  message.hidden = true;
  const side = element('div', 'fc-ptz-side');
  side.append(presets, alarm);
  panel.append(pad, zoom, side, confirm, message);
  return panel;
}

function element(tag, className, attributes = {}) {
  const e = document.createElement(tag);
  e.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    e.setAttribute(name, value);
  }
  return e;
}

function button(text, className, attributes) {
  const b = element('button', className, { type: 'button', ...attributes });
  b.textContent = text;
  return b;
}
