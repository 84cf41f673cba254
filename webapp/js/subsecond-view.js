// The view of one camera: LL-HLS (the <video>, run by its owner), its own H.264 over the page's MSE
// socket in the same <video> (mse-player.js), or JPEG frames, either over the page's shared frame socket
// onto a canvas or as MJPEG in an <img>. The canvas and the image lie over the video in the same box; the
// video stays in place (stopped), so the visibility gate that watches it keeps working. The choice is
// remembered per camera; without one, the owner's default (the grid: MSE where the camera offers it and
// the browser has Media Source Extensions), LL-HLS otherwise (older iPhones play HLS natively). A label
// over the picture says which view plays and its measured latency. A camera on its own (the embed page)
// gets a speaker button while MSE plays a camera with audio: muted at first, as browsers autoplay only
// muted video; sound on subscribes again with the audio, sound off goes back to the pictures alone.

import { attachFrameCanvas } from './frame-canvas.js';
import { attachMjpeg } from './mjpeg-view.js';
import { canPlayMse, MsePlayer } from './mse-player.js';

export const VIEWS = {
  hls: 'LL-HLS',
  mse: 'Sub-second (H.264)',
  ws: 'Sub-second (shared socket)',
  mjpeg: 'Sub-second (MJPEG)',
};

const LABELS = { hls: 'LL-HLS', mse: 'MSE', ws: 'Frames', mjpeg: 'MJPEG' };
const LABEL_EVERY_MS = 1000;
/** A PTZ view shown as LL-HLS goes back to it this long after the operator's last move. */
const STEER_HOLD_MS = 4000;

export class SubsecondView {
  /**
   * @param {HTMLElement} box the element holding the <video data-player>
   * @param {{onSwitch?: () => void, switchAfter?: HTMLElement, fixedView?: string, defaultView?: string,
   *   mseStream?: string, speaker?: boolean}} options
   *   onSwitch restarts the owner's player after a change; the switch is placed after switchAfter (none
   *   without it); fixedView forces a view (the embed page's ?view=) instead of the remembered one;
   *   defaultView is shown when nothing is remembered and the camera offers it (LL-HLS otherwise);
   *   mseStream: 'sub' for a grid tile, 'main' (the default) for a camera on its own;
   *   speaker: offer sound for a camera with audio (a camera on its own; grid tiles stay silent)
   */
  constructor(box, { onSwitch, switchAfter, fixedView, defaultView = 'hls', mseStream = 'main', speaker = false }) {
    this.video = box.querySelector('[data-player]');
    this.canvas = overlay(this.video, 'canvas', 'data-frames');
    this.image = overlay(this.video, 'img', 'data-mjpeg');
    this.image.alt = '';
    this.label = overlay(this.video, 'span', 'data-view-label');
    this.label.className = 'badge fc-view-label';
    this.speaker = speaker ? overlay(this.video, 'button', 'data-speaker') : null;
    this.soundOn = false; // kept across restarts of the player, until the user turns it off
    if (this.speaker) {
      this.speaker.type = 'button';
      this.speaker.className = 'btn btn-sm btn-dark fc-speaker';
      this.speaker.addEventListener('click', () => this.toggleSound());
      this.showSpeaker(false);
    }
    this.onSwitch = onSwitch || (() => {});
    this.fixedView = VIEWS[fixedView] ? fixedView : null;
    this.defaultView = VIEWS[defaultView] ? defaultView : 'hls';
    this.switchAfter = switchAfter;
    this.mseStream = mseStream === 'sub' ? 'sub' : 'main';
    this.select = null;
    this.camera = null;
    this.running = null;
    this.playing = null; // the view started last
    this.mseFailed = null; // why MSE cannot play this camera here: the view falls back to LL-HLS
    this.steering = false;
    this.steerTimer = 0;
    this.hlsLatencyMs = null;
    this.labelTimer = 0;
  }

  /** The camera as the API lists it; builds the switch on first use. */
  update(camera) {
    this.camera = camera;
    if (this.mse) {
      this.showSpeaker(this.mse.hasAudio || camera.audio === true);
    }
    if (this.switchAfter && !this.select) {
      this.select = buildSwitch(this.switchAfter);
      this.select.addEventListener('change', () => {
        remember(this.camera.id, this.select.value);
        this.onSwitch();
      });
    }
    if (this.select) {
      for (const option of this.select.options) {
        option.hidden = option.disabled = !this.offers(option.value);
      }
      this.select.value = this.view();
      this.select.dataset.cameraId = camera.id;
    }
  }

  /** Whether this camera can be shown this way in this browser. */
  offers(view) {
    const streams = (this.camera && this.camera.streams) || {};
    if (view === 'mse') {
      return Boolean(streams.mse) && canPlayMse() && !this.mseFailed;
    }
    return view === 'hls' || Boolean(VIEWS[view] && streams[view]);
  }

  /** hls, mse, ws or mjpeg: what this view shows now. */
  view() {
    const wanted = this.fixedView || recall(this.camera && this.camera.id) || this.defaultView;
    const view = wanted !== 'hls' && this.offers(wanted) ? wanted : 'hls';
    // Steering a PTZ camera on a picture a second old overshoots: MSE while the operator moves it.
    return view === 'hls' && this.steering && this.offers('mse') ? 'mse' : view;
  }

  /** Starts the view if it is not HLS; true if it did (the owner then leaves its video off). */
  start() {
    const view = this.camera ? this.view() : 'hls';
    this.playing = view;
    this.showLabel();
    window.clearInterval(this.labelTimer);
    this.labelTimer = window.setInterval(() => this.showLabel(), LABEL_EVERY_MS);
    if (view === 'hls') {
      return false;
    }
    if (!this.running) {
      if (view === 'mse') {
        this.running = this.startMse();
      } else if (view === 'ws') {
        this.running = attachFrameCanvas(this.canvas, this.camera.id);
      } else {
        this.running = attachMjpeg(this.image, withProfile(new URL(this.camera.streams.mjpeg, document.baseURI)));
      }
    }
    return true;
  }

  stop() {
    window.clearInterval(this.labelTimer);
    this.labelTimer = 0;
    this.playing = null;
    this.hlsLatencyMs = null;
    this.label.hidden = true;
    if (this.running) {
      this.running.destroy();
      this.running = null;
    }
  }

  /** The owner's LL-HLS latency (hls.js's estimate), for the label. */
  showHlsLatency(ms) {
    this.hlsLatencyMs = Number.isFinite(ms) ? ms : null;
    this.showLabel();
  }

  /**
   * The operator moves the camera (true) or let go (false): an LL-HLS view plays MSE meanwhile, and
   * goes back to LL-HLS STEER_HOLD_MS after the last move.
   */
  steer(moving) {
    window.clearTimeout(this.steerTimer);
    this.steerTimer = 0;
    if (moving) {
      this.setSteering(true);
    } else if (this.steering) {
      this.steerTimer = window.setTimeout(() => this.setSteering(false), STEER_HOLD_MS);
    }
  }

  setSteering(on) {
    const before = this.view();
    this.steering = on;
    if (this.playing && this.view() !== before) {
      this.onSwitch();
    }
  }

  /** Sound on or off (from the user's click, which is what lets the video sound). */
  toggleSound() {
    if (!this.mse) {
      return;
    }
    this.soundOn = !this.soundOn;
    this.mse.setAudio(this.soundOn);
    this.showSpeaker(true);
  }

  showSpeaker(offered) {
    if (!this.speaker) {
      return;
    }
    this.speaker.hidden = !offered;
    this.speaker.textContent = this.soundOn ? 'Sound on' : 'Sound off';
    this.speaker.setAttribute('aria-pressed', String(this.soundOn));
    this.speaker.title = this.soundOn ? 'Mute (back to the picture alone, lowest latency)' : 'Play the camera\'s sound';
  }

  startMse() {
    const player = new MsePlayer(this.video, {
      camera: this.camera.id,
      stream: this.mseStream,
      onAudio: (hasAudio) => this.showSpeaker(hasAudio || this.camera.audio === true),
      onStatus: ({ state, reason }) => {
        if (state === 'unsupported' || state === 'refused') {
          // Final for this page: LL-HLS instead. Not from inside the player's own callback.
          this.mseFailed = reason || state;
          this.label.title = this.mseFailed;
          if (this.select) {
            this.update(this.camera);
          }
          queueMicrotask(() => this.onSwitch());
        }
      },
    });
    player.setAudio(this.speaker !== null && this.soundOn);
    player.start();
    this.mse = player;
    this.showSpeaker(this.camera.audio === true);
    return {
      destroy: () => {
        player.stop();
        player.setAudio(false); // the element goes back to its owner muted
        this.mse = null;
        this.showSpeaker(false);
      },
    };
  }

  showLabel() {
    const view = this.playing;
    this.label.hidden = !view;
    if (!view) {
      return;
    }
    let latencyMs = null;
    if (view === 'mse' && this.mse) {
      const stats = this.mse.stats();
      latencyMs = stats.state === 'playing' || stats.state === 'waiting' ? stats.latencyMs : null;
    } else if (view === 'hls') {
      latencyMs = this.hlsLatencyMs;
    } else if (view === 'ws' && this.canvas.dataset.delay) {
      latencyMs = Number(this.canvas.dataset.delay); // its playout delay: delivery is not measured here
    }
    this.label.dataset.view = view;
    this.label.dataset.latencyMs = latencyMs === null ? '' : String(Math.round(latencyMs));
    this.label.textContent = latencyMs === null ? LABELS[view] : `${LABELS[view]} ${formatMs(latencyMs)}`;
  }
}

function formatMs(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
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
