// The page's one WebSocket to /ws/mse, shared by every MSE player on the page (a grid of 16 tiles needs
// one connection, not 16). Players watch a camera's main or sub stream and get its fMP4 pieces; the socket
// subscribes to the union of what is watched, reconnects with a growing pause while anyone watches (and
// sends the whole subscription again, so each player gets a new mime notice, init and keyframe), and
// closes when nobody watches. A stream is subscribed with its audio when any of its players asks for it.
// The protocol, in short:
//   send   {"subscribe":[{"camera","stream","audio"?: true}, ...]}
//   text   {"camera","stream","mime","audio","hasAudio",...} before each init; {"camera","stream","dropped":n};
//          {"error",...}
//   binary [version 2][kind 1 init | 2 fragment][flags, bit 0 keyframe, bit 1 audio][stream 0 main | 1 sub][n]
//          [camera id][8 bytes server epoch ms, big-endian][payload]

const RETRY_MS = [1000, 2000, 5000, 10000];
const VERSION = 2;
const KIND_INIT = 1;
const KIND_FRAGMENT = 2;
const STREAMS = ['main', 'sub'];
const decoder = new TextDecoder();

/**
 * One binary message, or null for a layout this page does not know. The payload is a view into the
 * message's buffer, not a copy.
 * @param {ArrayBuffer} data
 * @returns {{kind: 'init'|'fragment', keyframe: boolean, audio: boolean, camera: string, stream: string,
 *   serverMs: number, payload: Uint8Array} | null}
 */
export function parseMseMessage(data) {
  if (data.byteLength < 13) {
    return null;
  }
  const view = new DataView(data);
  const kind = view.getUint8(1);
  const stream = STREAMS[view.getUint8(3)];
  const idLength = view.getUint8(4);
  if (view.getUint8(0) !== VERSION || (kind !== KIND_INIT && kind !== KIND_FRAGMENT) || !stream
      || data.byteLength < 5 + idLength + 8) {
    return null;
  }
  return {
    kind: kind === KIND_INIT ? 'init' : 'fragment',
    keyframe: (view.getUint8(2) & 1) === 1,
    audio: (view.getUint8(2) & 2) === 2,
    stream,
    camera: decoder.decode(new Uint8Array(data, 5, idLength)),
    serverMs: Number(view.getBigUint64(5 + idLength)),
    payload: new Uint8Array(data, 5 + idLength + 8),
  };
}

let shared = null;

export class MseSocket {
  /** The page's one socket; opened on the first watch. */
  static shared() {
    if (!shared) {
      shared = new MseSocket();
    }
    return shared;
  }

  /** @param {string} path relative to the page's base, as the camera list's streams.mse */
  constructor(path = 'ws/mse') {
    this.path = path;
    this.sinks = new Map(); // "camera stream" -> Set of sinks
    this.wantsAudio = new WeakMap(); // sink -> it asked for the stream's audio
    this.sent = new Set(); // the keys of the subscription the server has
    this.fresh = new Set(); // keys that got a sink since: it needs a mime notice, an init and a keyframe
    this.socket = null;
    this.syncQueued = false;
    this.failures = 0;
    this.retryTimer = 0;
    this.opened = 0; // sockets opened so far, for tests and the benchmark
  }

  /**
   * Receives a camera's stream until the returned function is called.
   * @param {string} camera
   * @param {'main'|'sub'} stream
   * @param {{onMime?: (msg: object) => void, onInit?: (bytes: Uint8Array, serverMs: number) => void,
   *   onFragment?: (bytes: Uint8Array, keyframe: boolean, serverMs: number, audio: boolean) => void,
   *   onDropped?: (n: number) => void, onError?: (text: string) => void}} sink
   * @param {{audio?: boolean}} options audio: the camera's AAC too (an init with both tracks)
   * @returns {() => void}
   */
  watch(camera, stream, sink, { audio = false } = {}) {
    const key = keyOf(camera, stream === 'sub' ? 'sub' : 'main');
    if (!this.sinks.has(key)) {
      this.sinks.set(key, new Set());
    }
    this.sinks.get(key).add(sink);
    this.wantsAudio.set(sink, audio);
    this.fresh.add(key);
    this.sync();
    let watching = true;
    return () => {
      if (!watching) {
        return;
      }
      watching = false;
      const set = this.sinks.get(key);
      const audioBefore = this.audioOf(key);
      if (set && set.delete(sink) && set.size === 0) {
        this.sinks.delete(key);
      } else if (set && audioBefore !== this.audioOf(key)) {
        this.fresh.add(key); // the last listener left: the others go back to pictures alone
      }
      this.sync();
    };
  }

  /** What the socket does now: for tests and the benchmark. */
  stats() {
    return {
      opened: this.opened,
      open: Boolean(this.socket && this.socket.readyState === WebSocket.OPEN),
      watching: [...this.sinks.keys()],
    };
  }

  // Players that start in the same task (a page of tiles) share one subscribe message.
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
    if (this.sinks.size === 0) {
      window.clearTimeout(this.retryTimer);
      this.retryTimer = 0;
      this.sent = new Set();
      this.fresh.clear();
      if (this.socket) {
        const socket = this.socket;
        this.socket = null;
        socket.close(1000, 'nothing to watch');
      }
    } else if (!this.socket && !this.retryTimer) {
      this.connect();
    } else if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      const wanted = [...this.sinks.keys()];
      // The server sends an init only to a new subscription: a player that joins (or restarts on) one
      // the server already has gets it by leaving and rejoining. The others on it see a restart.
      const again = wanted.filter((key) => this.fresh.has(key) && this.sent.has(key));
      if (again.length) {
        this.send(wanted.filter((key) => !again.includes(key)));
      }
      this.send(wanted);
      this.sent = new Set(wanted);
      this.fresh.clear();
    }
  }

  /** Any player of this stream asked for its audio. */
  audioOf(key) {
    return [...(this.sinks.get(key) || [])].some((sink) => this.wantsAudio.get(sink));
  }

  send(keys) {
    const subscribe = keys.map((key) => {
      const [camera, stream] = key.split(' ');
      return this.audioOf(key) ? { camera, stream, audio: true } : { camera, stream };
    });
    this.socket.send(JSON.stringify({ subscribe }));
  }

  connect() {
    const url = new URL(this.path, document.baseURI);
    // A secure page or address stays secure: https: and wss: both go to wss:.
    url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url.href);
    socket.binaryType = 'arraybuffer';
    this.opened += 1;
    socket.onopen = () => {
      this.failures = 0;
      this.sent = new Set();
      this.apply();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) {
        this.receive(event.data);
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) {
        return; // closed on purpose
      }
      this.socket = null;
      if (this.sinks.size) {
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
      this.notice(data);
      return;
    }
    const message = parseMseMessage(data);
    if (!message) {
      return;
    }
    this.sinksOf(message.camera, message.stream).forEach((sink) => {
      if (message.kind === 'init') {
        sink.onInit?.(message.payload, message.serverMs);
      } else {
        sink.onFragment?.(message.payload, message.keyframe, message.serverMs, message.audio);
      }
    });
  }

  notice(text) {
    let notice;
    try {
      notice = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (!notice || typeof notice !== 'object') {
      return;
    }
    if (typeof notice.error === 'string') {
      // An error names its camera (and perhaps its stream), or concerns the whole subscription.
      const targets = notice.camera
        ? (notice.stream ? this.sinksOf(notice.camera, notice.stream)
          : STREAMS.flatMap((stream) => [...(this.sinks.get(keyOf(notice.camera, stream)) || [])]))
        : [...this.sinks.values()].flatMap((set) => [...set]);
      targets.forEach((sink) => sink.onError?.(notice.error));
    } else if (typeof notice.mime === 'string') {
      this.sinksOf(notice.camera, notice.stream).forEach((sink) => sink.onMime?.(notice));
    } else if (Number.isFinite(notice.dropped)) {
      this.sinksOf(notice.camera, notice.stream).forEach((sink) => sink.onDropped?.(notice.dropped));
    }
  }

  // A sub subscription of a camera without a substream is served from its main stream; should the server
  // label those messages "main", they still reach whoever asked for "sub" when nobody watches "main".
  sinksOf(camera, stream) {
    const exact = this.sinks.get(keyOf(camera, stream === 'sub' ? 'sub' : 'main'));
    if (exact) {
      return [...exact];
    }
    const other = this.sinks.get(keyOf(camera, stream === 'sub' ? 'main' : 'sub'));
    return other ? [...other] : [];
  }
}

// A space cannot occur in a camera id ([a-z0-9][a-z0-9-]{0,63}).
function keyOf(camera, stream) {
  return `${camera} ${stream}`;
}
