// The line to one PTZ camera. A held move is a lease on the server (about 1 s): while a control is
// held, the speed is sent again every RENEW_MS, over the camera's WebSocket when it is open (closing it
// stops the camera at once) and over plain HTTP otherwise. Releasing sends an explicit stop.

import { csrfHeaders } from './csrf-token.js';

const RENEW_MS = 300;
const FETCH_TIMEOUT_MS = 4000;

export class PtzLink {
  /**
   * @param {{ptz: string, ptzSocket?: string, alarms?: string}} controls URLs from GET api/cameras (relative to the app root)
   * @param {(error: string|null) => void} onStatus told of each error, and null when a command went through
   * @param {{fetch?: typeof fetch, onStop?: () => void, onMoving?: (moving: boolean) => void}} options the
   *   fetch for HTTP commands, who to tell once a held move was stopped, and who to tell at once when a
   *   held move starts (true) and is released (false), whether its commands go through or not
   */
  constructor(controls, onStatus, options = {}) {
    this.fetch = options.fetch || window.fetch.bind(window);
    this.onStop = options.onStop || (() => {});
    this.onMoving = options.onMoving || (() => {});
    this.restUrl = new URL(controls.ptz, document.baseURI).href;
    this.alarmsUrl = controls.alarms ? new URL(controls.alarms, document.baseURI).href : null;
    this.socketUrl = controls.ptzSocket ? socketUrl(controls.ptzSocket) : null;
    this.onStatus = onStatus;
    this.socket = null;
    this.vector = null;
    this.timer = null;
  }

  /** Starts or changes a held move: pan, tilt, zoom in -1..1 (right, up, in positive). */
  move(vector) {
    if (!this.vector) {
      this.onMoving(true);
    }
    this.vector = vector;
    this.sendMove();
    if (!this.timer) {
      this.timer = window.setInterval(() => this.sendMove(), RENEW_MS);
    }
  }

  /** The control was released: stop renewing and stop the camera. */
  stop() {
    const wasMoving = this.vector !== null;
    window.clearInterval(this.timer);
    this.timer = null;
    this.vector = null;
    if (!wasMoving) {
      return;
    }
    this.onMoving(false);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ stop: true }));
      this.onStop();
    } else {
      this.post(`${this.restUrl}/stop`).then(this.onStop, () => {});
    }
  }

  /** POSTs to the camera's PTZ or alarm API; resolves with the JSON answer, rejects with the server's error text. */
  async post(url) {
    return this.request(url, 'POST');
  }

  async request(url, method = 'GET') {
    let response;
    try {
      response = await this.fetch(url, {
        method,
        cache: 'no-store',
        headers: { Accept: 'application/json', ...(method === 'GET' ? {} : csrfHeaders()) },
        signal: AbortSignal.timeout ? AbortSignal.timeout(FETCH_TIMEOUT_MS) : undefined,
      });
    } catch (e) {
      if (e.name !== 'SessionEnded') { // on the way to the login page: nothing to say here
        this.onStatus(`The server did not answer (${e.message}).`);
      }
      throw e;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const reason = body.error || `HTTP ${response.status}`;
      const error = response.status === 403 ? `Not allowed: ${reason}.` : reason;
      this.onStatus(error);
      throw new Error(error);
    }
    this.onStatus(null);
    return body;
  }

  sendMove() {
    if (!this.vector) {
      return;
    }
    const socket = this.connect();
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(this.vector));
    } else if (!socket || socket.readyState !== WebSocket.CONNECTING) {
      const { pan, tilt, zoom } = this.vector;
      this.post(`${this.restUrl}/move?pan=${pan}&tilt=${tilt}&zoom=${zoom}`).catch(() => this.stopRenewing());
    }
    // While the socket connects, its open handler sends the current speed.
  }

  stopRenewing() {
    window.clearInterval(this.timer);
    this.timer = null;
  }

  connect() {
    if (!this.socketUrl || !('WebSocket' in window)) {
      return null;
    }
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) {
      return this.socket;
    }
    const socket = new WebSocket(this.socketUrl);
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.sendMove();
    });
    socket.addEventListener('message', (event) => {
      const answer = JSON.parse(event.data);
      this.onStatus(answer.error || null);
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) {
        this.socket = null;
      }
      if (!opened) {
        // A proxy that passes no WebSockets: held moves go over HTTP from now on.
        this.socketUrl = null;
        this.sendMove();
      }
    });
    this.socket = socket;
    return socket;
  }

  /** Stops any held move and closes the socket (which stops the camera on the server too). */
  close() {
    this.stop();
    if (this.socket) {
      this.socket.close();
      this.socket = null;
    }
  }
}

function socketUrl(relative) {
  const url = new URL(relative, document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
