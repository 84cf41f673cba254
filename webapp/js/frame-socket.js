// The page's one WebSocket to /ws/frames, shared by every view in sub-second mode: a grid of 16 tiles
// needs one connection instead of 16 (browsers allow 6 HTTP/1.1 connections per host). Views watch a
// camera and get its frames; the socket subscribes to the cameras watched now, reconnects after a pause
// while anyone watches, and closes when nobody does. Messages: [1 byte version][1 byte n][n bytes camera
// id][8 bytes epoch ms, big-endian][JPEG].

const RETRY_MS = [1000, 2000, 5000];
const decoder = new TextDecoder();

class FrameSocket {
  constructor() {
    this.watchers = new Map(); // camera id -> Set of {frame, notice, state}
    this.socket = null;
    this.syncQueued = false;
    this.failures = 0;
    this.retryTimer = 0;
    // A page may ask for another profile (e.g. ?profile=small for a big grid); the server's default otherwise.
    this.profile = new URLSearchParams(window.location.search).get('profile') || undefined;
  }

  /**
   * Receives a camera's frames until the returned function is called.
   * @param {{frame: (f: {camera: string, sentAt: number, arrivedAt: number, jpeg: Uint8Array}) => void,
   *          notice?: (text: string) => void, state?: (s: string) => void}} watcher
   */
  watch(cameraId, watcher) {
    if (!this.watchers.has(cameraId)) {
      this.watchers.set(cameraId, new Set());
    }
    this.watchers.get(cameraId).add(watcher);
    watcher.state?.(this.socket && this.socket.readyState === WebSocket.OPEN ? 'open' : 'connecting');
    this.sync();
    return () => {
      const set = this.watchers.get(cameraId);
      if (set && set.delete(watcher) && set.size === 0) {
        this.watchers.delete(cameraId);
      }
      this.sync();
    };
  }

  // Several views start in the same task (a page of tiles): one subscribe message for all of them.
  sync() {
    if (!this.syncQueued) {
      this.syncQueued = true;
      queueMicrotask(() => {
        this.syncQueued = false;
        this.apply();
      });
    }
  }

  apply() {
    if (this.watchers.size === 0) {
      window.clearTimeout(this.retryTimer);
      this.retryTimer = 0;
      if (this.socket) {
        this.socket.close(1000, 'nothing to watch');
        this.socket = null;
      }
    } else if (!this.socket && !this.retryTimer) {
      this.connect();
    } else if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ subscribe: [...this.watchers.keys()], profile: this.profile }));
    }
  }

  connect() {
    const url = new URL('ws/frames', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url.href);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.failures = 0;
      this.tell('state', 'open');
      this.apply();
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) {
        return; // closed on purpose
      }
      this.socket = null;
      this.tell('state', 'error');
      if (this.watchers.size) {
        const pause = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
        this.retryTimer = window.setTimeout(() => {
          this.retryTimer = 0;
          this.apply();
        }, pause);
      }
    };
    this.socket = socket;
  }

  receive(data) {
    if (typeof data === 'string') {
      let notice;
      try {
        notice = JSON.parse(data);
      } catch (e) {
        return;
      }
      const targets = notice.camera ? [notice.camera] : [...this.watchers.keys()];
      targets.forEach((id) => this.watchers.get(id)?.forEach((w) => w.notice?.(notice.error)));
      return;
    }
    const arrivedAt = performance.now();
    const view = new DataView(data);
    if (view.getUint8(0) !== 1) {
      return; // a layout this page does not know
    }
    const idLength = view.getUint8(1);
    const camera = decoder.decode(new Uint8Array(data, 2, idLength));
    const sentAt = Number(view.getBigUint64(2 + idLength));
    const jpeg = new Uint8Array(data, 2 + idLength + 8);
    this.watchers.get(camera)?.forEach((w) => w.frame({ camera, sentAt, arrivedAt, jpeg }));
  }

  tell(kind, value) {
    this.watchers.forEach((set) => set.forEach((w) => w[kind]?.(value)));
  }
}

export const frameSocket = new FrameSocket();
