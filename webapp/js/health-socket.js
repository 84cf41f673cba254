// One connection per page to the server's health WebSocket (ws/health): every camera's stream state
// on connect, then changes. Views subscribe per camera; players send their telemetry back on it.
// Reconnects by itself with a growing pause, so a restarted server is picked up again.

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15000;

class HealthSocket {
  constructor() {
    this.listeners = new Map(); // camera id -> Set of callbacks
    this.latest = new Map(); // camera id -> last message
    this.retryDelay = RETRY_FIRST_MS;
    this.socket = null;
  }

  /** Calls back with every health message about the camera (at once with the latest one known). */
  subscribe(cameraId, callback) {
    this.connect();
    if (!this.listeners.has(cameraId)) {
      this.listeners.set(cameraId, new Set());
    }
    this.listeners.get(cameraId).add(callback);
    if (this.latest.has(cameraId)) {
      callback(this.latest.get(cameraId));
    }
    return () => this.listeners.get(cameraId)?.delete(callback);
  }

  /** Player telemetry for a camera: {latency, partLoad, stalls}; dropped while disconnected. */
  report(cameraId, figures) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: 'telemetry', camera: cameraId, ...figures }));
    }
  }

  connect() {
    if (this.socket) {
      return;
    }
    const url = new URL('ws/health', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url.href);
    this.socket = socket;
    socket.addEventListener('open', () => { this.retryDelay = RETRY_FIRST_MS; });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      this.socket = null;
      window.setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    });
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type !== 'health' || !message.camera) {
      return;
    }
    this.latest.set(message.camera, message);
    (this.listeners.get(message.camera) || []).forEach((callback) => callback(message));
  }
}

/** The page's one health connection. */
export const health = new HealthSocket();
