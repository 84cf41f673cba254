// One camera's tile on the dashboard: name, badges, the "open" link and a player that runs only while
// the tile is visible. Updates touch the text and badges; the player is replaced only when the camera's
// HLS URL changes, so the 5 s refresh does not interrupt playback.

import { FallbackView } from './fallback-view.js';
import { health } from './health-socket.js';
import { LastOperator } from './last-operator.js';
import { attachPlayer } from './player.js';
import { attachPtzControls } from './ptz-controls.js';
import { showState, typeLabel } from './state-badge.js';
import { describe, isTrouble } from './stream-status.js';
import { SubsecondView } from './subsecond-view.js';

const LINKED_STREAMS = { mjpeg: 'MJPEG', snapshot: 'Snapshot' };

/**
 * What the caller may do with a tile, and how its API calls go out.
 * @typedef {{mayOperate: boolean, fetch: typeof fetch}} TileAccess
 */

export class CameraTile {
  /**
   * @param {HTMLTemplateElement} template the tile markup (index.html, data-tile-template)
   * @param {import('./visibility.js').VisibilityGate} visibility
   * @param {TileAccess} access viewers get no PTZ controls (the server refuses them anyway)
   */
  constructor(template, visibility, access) {
    this.element = template.content.firstElementChild.cloneNode(true);
    this.access = access;
    this.lastOperator = new LastOperator(this.element.querySelector('[data-last-operator]'), access.fetch);
    this.video = this.element.querySelector('[data-player]');
    // LL-HLS, MSE (the default where it plays) or the sub-second frames, as chosen per tile; switching
    // restarts whichever runs. A grid tile plays the camera's substream over MSE: a grid of main streams
    // would overload the page; the tile's "open" page plays the main stream.
    this.subsecond = new SubsecondView(this.video.parentElement, {
      switchAfter: this.element.querySelector('[data-stream-links]'),
      defaultView: 'mse',
      mseStream: 'sub',
      onSwitch: () => {
        this.stopPlayer();
        if (this.visible) {
          this.startPlayer();
        }
      },
    });
    this.visibility = visibility;
    this.hlsUrl = null;
    this.player = null;
    this.visible = false;
    this.fallback = new FallbackView(this.element.querySelector('[data-fallback]'));
    this.unsubscribe = null;
    this.snapshotUrl = null;
    visibility.watch(this.video, { show: () => this.show(), hide: () => this.hide() });
  }

  /** Shows the camera as the API lists it now (shape: see GET api/cameras). */
  update(camera) {
    if (this.element.dataset.cameraId !== camera.id) {
      // Health changes arrive at once over the socket; the 5 s list refresh is the fallback for them.
      this.unsubscribe?.();
      this.unsubscribe = health.subscribe(camera.id, (h) => this.showHealth(h));
    }
    this.snapshotUrl = camera.streams && camera.streams.snapshot ? absolute(camera.streams.snapshot) : null;
    this.element.dataset.cameraId = camera.id;
    this.text('[data-camera-name]', camera.name || camera.id);
    this.text('[data-camera-type]', typeLabel(camera.type));
    this.text('[data-camera-model]', camera.model || '');
    showState(this.element.querySelector('[data-camera-state]'), camera.state);
    this.showReason(camera);
    this.showStreamLinks(camera.streams || {});
    this.showPtz(camera);
    this.subsecond.update(camera);
    this.element.querySelector('[data-open]').href = `embed.html?camera=${encodeURIComponent(camera.id)}`
      + (this.subsecond.offers('mse') ? '&view=mse' : '');
    this.useStream(camera.streams && camera.streams.hls ? absolute(camera.streams.hls) : null);
  }

  /** Stops the player and takes the tile off the page. */
  remove() {
    this.ptz?.destroy();
    this.lastOperator.stop();
    this.unsubscribe?.();
    this.fallback.stop();
    this.visibility.unwatch(this.video);
    this.element.remove();
  }

  useStream(hlsUrl) {
    if (hlsUrl === this.hlsUrl) {
      return;
    }
    this.hlsUrl = hlsUrl;
    this.element.querySelector('[data-no-stream]').hidden = Boolean(hlsUrl);
    if (this.visible) {
      this.stopPlayer();
      this.startPlayer();
    }
  }

  show() {
    this.visible = true;
    this.startPlayer();
    this.lastOperator.start();
  }

  hide() {
    this.visible = false;
    this.stopPlayer();
    this.lastOperator.stop();
  }

  startPlayer() {
    if (this.subsecond.start()) {
      return;
    }
    if (this.hlsUrl && !this.player) {
      const cameraId = this.element.dataset.cameraId;
      this.player = attachPlayer(this.video, this.hlsUrl, {
        lowLatency: true,
        onTelemetry: (figures) => {
          health.report(cameraId, figures);
          this.subsecond.showHlsLatency(figures.latency === undefined ? null : figures.latency * 1000);
        },
      });
    }
  }

  stopPlayer() {
    this.subsecond.stop();
    if (this.player) {
      this.player.destroy();
      this.player = null;
    }
  }

  /** A change reported by the health socket: badge, the words for it, and snapshots in fallback. */
  showHealth(h) {
    showState(this.element.querySelector('[data-camera-state]'), h.state);
    this.showReason({ state: h.state, stateReason: describe(h) });
    this.fallback.update(h, this.snapshotUrl);
  }

  // PTZ domes get the pad, zoom, presets and the alarm button for operators and admins; built once,
  // kept across refreshes. Everyone sees who steered the camera last.
  showPtz(camera) {
    const isPtz = Boolean(camera.controls && camera.controls.ptz);
    this.lastOperator.follow(isPtz ? camera.id : null);
    const wanted = isPtz && this.access.mayOperate;
    if (wanted && !this.ptz) {
      this.ptz = attachPtzControls(this.element.querySelector('[data-ptz]'), camera, {
        fetch: this.access.fetch,
        onAction: () => this.lastOperator.refresh(),
        onSteer: (moving) => this.subsecond.steer(moving),
      });
    } else if (!wanted && this.ptz) {
      this.ptz.destroy();
      this.ptz = null;
    }
  }

  showReason(camera) {
    const reason = this.element.querySelector('[data-state-reason]');
    reason.textContent = camera.stateReason || '';
    reason.hidden = !camera.stateReason;
    reason.classList.toggle('text-danger', isTrouble(camera.state));
    reason.classList.toggle('text-body-secondary', !isTrouble(camera.state));
  }

  showStreamLinks(streams) {
    const links = Object.entries(LINKED_STREAMS)
      .filter(([kind]) => streams[kind])
      .map(([kind, label]) => {
        const link = document.createElement('a');
        link.href = absolute(streams[kind]);
        link.textContent = label;
        link.className = 'link-secondary me-2';
        link.target = '_blank';
        link.rel = 'noopener';
        return link;
      });
    this.element.querySelector('[data-stream-links]').replaceChildren(...links);
  }

  text(selector, value) {
    this.element.querySelector(selector).textContent = value;
  }
}

// Stream URLs are relative to the application root, which is where the pages live.
function absolute(url) {
  return new URL(url, document.baseURI).href;
}
