// The sub-second path of one camera view: a switch between LL-HLS (the <video>, run by its owner) and
// the JPEG frames, either over the page's shared frame socket onto a canvas or as MJPEG in an <img>.
// The canvas and the image lie over the video in the same box; the video stays in place (stopped), so
// the visibility gate that watches it keeps working. The choice is remembered per camera.

import { attachFrameCanvas } from './frame-canvas.js';
import { attachMjpeg } from './mjpeg-view.js';

export const VIEWS = {
  hls: 'LL-HLS',
  ws: 'Sub-second (shared socket)',
  mjpeg: 'Sub-second (MJPEG)',
};

export class SubsecondView {
  /**
   * @param {HTMLElement} box the element holding the <video data-player>
   * @param {{onSwitch?: () => void, switchAfter?: HTMLElement, fixedView?: string}} options
   *   onSwitch restarts the owner's player after a change; the switch is placed after switchAfter (none
   *   without it); fixedView forces a view (the embed page's ?view=) instead of the remembered one
   */
  constructor(box, { onSwitch, switchAfter, fixedView }) {
    const video = box.querySelector('[data-player]');
    this.canvas = overlay(video, 'canvas', 'data-frames');
    this.image = overlay(video, 'img', 'data-mjpeg');
    this.image.alt = '';
    this.onSwitch = onSwitch;
    this.fixedView = VIEWS[fixedView] ? fixedView : null;
    this.switchAfter = switchAfter;
    this.select = null;
    this.camera = null;
    this.running = null;
  }

  /** The camera as the API lists it; builds the switch on first use. */
  update(camera) {
    this.camera = camera;
    if (this.switchAfter && !this.select) {
      this.select = buildSwitch(this.switchAfter);
      this.select.addEventListener('change', () => {
        remember(this.camera.id, this.select.value);
        this.onSwitch();
      });
    }
    if (this.select) {
      this.select.value = this.view();
      this.select.dataset.cameraId = camera.id;
    }
  }

  /** hls, ws or mjpeg: what this view shows now. */
  view() {
    const wanted = this.fixedView || recall(this.camera && this.camera.id) || 'hls';
    const streams = (this.camera && this.camera.streams) || {};
    return wanted !== 'hls' && streams[wanted] ? wanted : 'hls';
  }

  /** Starts the frames if the view is not HLS; true if it did (the owner then leaves its video off). */
  start() {
    const view = this.camera ? this.view() : 'hls';
    if (view === 'hls') {
      return false;
    }
    if (!this.running) {
      this.running = view === 'ws'
        ? attachFrameCanvas(this.canvas, this.camera.id)
        : attachMjpeg(this.image, withProfile(new URL(this.camera.streams.mjpeg, document.baseURI)));
    }
    return true;
  }

  stop() {
    if (this.running) {
      this.running.destroy();
      this.running = null;
    }
  }
}

function overlay(video, tag, hook) {
  const element = document.createElement(tag);
  element.className = 'fc-video fc-subsecond';
  element.setAttribute(hook, '');
  element.hidden = true;
  video.after(element); // before the player note, whose text follows data-player-state
  return element;
}

function buildSwitch(after) {
  const select = document.createElement('select');
  select.className = 'form-select form-select-sm fc-view-switch mt-1';
  select.setAttribute('aria-label', 'How to show this camera');
  select.dataset.viewSwitch = '';
  for (const [value, label] of Object.entries(VIEWS)) {
    select.append(new Option(label, value));
  }
  after.after(select);
  return select;
}

// A page may ask for a smaller profile for its frames (?profile=small), as for the socket.
function withProfile(url) {
  const profile = new URLSearchParams(window.location.search).get('profile');
  if (profile) {
    url.searchParams.set('profile', profile);
  }
  return url.href;
}

function recall(cameraId) {
  try {
    return cameraId ? window.localStorage.getItem(`fieldcast.view.${cameraId}`) : null;
  } catch (e) {
    return null; // storage disabled: every visit starts with LL-HLS
  }
}

function remember(cameraId, view) {
  try {
    window.localStorage.setItem(`fieldcast.view.${cameraId}`, view);
  } catch (e) {
    // storage disabled: the choice lasts until the page is left
  }
}
