// Plays one camera's H.264 (or H.265 where the browser decodes it) from the page's MSE socket in a
// <video>, a picture at a time: ManagedMediaSource where it exists (Safari, iOS 17.1+), MediaSource
// elsewhere; one SourceBuffer in 'segments' mode fed from a queue, one append at a time.
//
// Latency: the socket brings each picture as soon as the server has it, so what is left is the depth of
// our own buffer (buffered end - currentTime). steer() keeps it near two frame intervals: deeper, it plays
// faster in proportion, up to 1.5x; past a second it jumps to the live edge. Safari re-buffers when the
// rate changes, so with ManagedMediaSource it only jumps.
//
// Recovery: a new mime notice (camera restart, codec change) clears the buffer, appends the new init
// (changeType() for a new codec, a new MediaSource where that fails) and jumps to its first keyframe; a
// gap (fragments the server dropped for us) is jumped over; a tab that comes back jumps to the live edge;
// QuotaExceeded trims and retries once; a decode error rebuilds the MediaSource and subscribes again.
//
// Audio: muted by default (browsers let a page autoplay only muted video), and without audio in the
// subscription, so a tile does not wait for audio it does not play. setAudio(true) (from a click: the
// user's gesture is what lets it sound) subscribes again with the camera's AAC; its init declares two
// tracks, and since a SourceBuffer keeps its track count for life (changeType() changes codecs only),
// a change between one and two tracks takes a new MediaSource. hasAudio tells whether the camera has any.
//
// State for styles and tests, on the video: data-player-state (loading, playing, waiting, error,
// unsupported, refused, stopped), data-frames (pictures presented, from requestVideoFrameCallback),
// data-inits (init segments appended), data-jumps.

import { MseSocket } from './mse-socket.js';

/** Frame intervals of buffer to keep ahead of the playhead: one for delivery jitter, one for decode. */
const TARGET_FRAMES = 2;
/** A deeper buffer than this is not caught up with by playing faster: the playhead jumps. */
const JUMP_ABOVE_S = 1.0;
const MAX_RATE = 1.5;
/** Rate per second of excess depth: 0.5 s too deep plays at 1.5x, 0.1 s at 1.1x. */
const RATE_GAIN_PER_S = 1.0;
/** Rates move in these steps, so that jitter does not set playbackRate on every check. */
const RATE_STEP = 0.05;
const DEFAULT_FRAME_S = 0.04;
const TICK_MS = 250;
/** Played media kept behind the playhead; the rest is removed when the buffer is idle. */
const BACK_BUFFER_S = 3;
/** Held by a paused or background player at most (its playhead does not move, so BACK_BUFFER_S does not trim). */
const MAX_BUFFER_S = 8;
/** Fragments waiting for the SourceBuffer at most; beyond that they are dropped up to the next keyframe. */
const MAX_QUEUED = 60;
/** How long after the first fragment of an init its GOP burst may still arrive. */
const START_BURST_MS = 1000;
const REBUILD_MS = [1000, 2000, 5000, 10000];
/** Pictures presented after a rebuild before the next error starts the pauses from the first again. */
const HEALTHY_FRAMES = 50;

/** MediaSource or ManagedMediaSource exists in this browser. */
export function canPlayMse() {
  return Boolean(window.ManagedMediaSource || window.MediaSource);
}

/**
 * The latency controller: what to do about a buffer this deep.
 * @param {number} depthS buffered end - currentTime, in seconds
 * @param {number} frameS the stream's frame interval, in seconds
 * @param {{managed?: boolean}} options managed: ManagedMediaSource (Safari), which must not change rate
 * @returns {{rate: number, jump: boolean}} jump: seek to the live edge (and play at 1x)
 */
export function steer(depthS, frameS, { managed = false } = {}) {
  if (depthS > JUMP_ABOVE_S) {
    return { rate: 1, jump: true };
  }
  const excess = depthS - TARGET_FRAMES * frameS;
  // One frame of slack: delivery jitter alone must not change the rate.
  if (managed || excess <= frameS) {
    return { rate: 1, jump: false };
  }
  const rate = Math.min(MAX_RATE, 1 + excess * RATE_GAIN_PER_S);
  return { rate: Math.max(1, Math.round(rate / RATE_STEP) * RATE_STEP), jump: false };
}

/**
 * How long pictures take from the server to this page. The server's stamp and this page's clock may be
 * seconds apart (a field laptop without NTP), so their difference alone means nothing. Its minimum over
 * the last 10-20 s stands for the clock offset: the quickest delivery in a window is taken as no delay at
 * all. What is left is the queueing delay above that best case, which is what varies and what the
 * operator feels; the constant one-way network time (milliseconds on a LAN, tens of them over cellular)
 * is not in it. Two buckets of a window each hold the minimum in constant memory.
 */
export class DeliveryClock {
  constructor(windowMs = 10000) {
    this.windowMs = windowMs;
    this.bucketStart = -Infinity;
    this.current = Infinity;
    this.previous = Infinity;
  }

  /** @returns {number} the delivery delay of this picture, in ms */
  sample(serverMs, arrivalMs) {
    if (arrivalMs - this.bucketStart >= this.windowMs) {
      this.previous = arrivalMs - this.bucketStart >= 2 * this.windowMs ? Infinity : this.current;
      this.current = Infinity;
      this.bucketStart = arrivalMs;
    }
    const raw = arrivalMs - serverMs;
    this.current = Math.min(this.current, raw);
    return raw - Math.min(this.current, this.previous);
  }
}

/** The mime declares an audio codec besides the video's. */
function withAudio(mime) {
  return Boolean(mime) && /mp4a\./.test(mime);
}

export class MsePlayer {
  /**
   * @param {HTMLVideoElement} video
   * @param {{camera: string, stream?: 'main'|'sub', socket?: MseSocket,
   *   onStatus?: (status: {state: string, reason?: string}) => void,
   *   onAudio?: (hasAudio: boolean) => void}} options
   *   onStatus is told of each state change; 'unsupported' (the browser cannot play the camera's codec)
   *   and 'refused' (the server will not send this camera) are final: the owner should fall back.
   *   onAudio is told, with each mime notice, whether the camera's stream has audio (for a speaker button).
   */
  constructor(video, { camera, stream = 'main', socket = MseSocket.shared(), onStatus = () => {},
    onAudio = () => {} }) {
    this.video = video;
    this.camera = camera;
    this.stream = stream;
    this.socket = socket;
    this.onStatus = onStatus;
    this.onAudio = onAudio;
    this.audio = false;
    this.hasAudio = false;
    this.Source = window.ManagedMediaSource || window.MediaSource;
    this.managed = Boolean(window.ManagedMediaSource);
    this.running = false;
    this.figures = { frames: 0, dropped: 0, jumps: 0, inits: 0, rate: 1, deliveryMs: 0, mime: null };
    this.frameS = DEFAULT_FRAME_S;
    this.delivery = new DeliveryClock();
    this.resetMedia();
    this.onVisibility = () => {
      if (document.visibilityState === 'visible' && this.running) {
        this.jumpToLive();
        this.play();
      }
    };
    this.onVideoError = () => this.fail('the video could not decode the stream');
    this.onPlaying = () => this.setState('playing');
    this.onWaiting = () => this.setState('waiting');
  }

  start() {
    if (this.running) {
      return;
    }
    if (!this.Source) {
      this.setState('unsupported', 'this browser has no Media Source Extensions');
      return;
    }
    this.running = true;
    this.rebuilds = 0;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.video.addEventListener('error', this.onVideoError);
    this.video.addEventListener('playing', this.onPlaying);
    this.video.addEventListener('waiting', this.onWaiting);
    this.tick = window.setInterval(() => this.keepUp(), TICK_MS);
    this.countFrames();
    this.open();
  }

  stop() {
    if (!this.running) {
      return;
    }
    this.running = false;
    window.clearInterval(this.tick);
    window.clearTimeout(this.rebuildTimer);
    this.rebuildTimer = 0;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.video.removeEventListener('error', this.onVideoError);
    this.video.removeEventListener('playing', this.onPlaying);
    this.video.removeEventListener('waiting', this.onWaiting);
    if (this.frameCallback && this.video.cancelVideoFrameCallback) {
      this.video.cancelVideoFrameCallback(this.frameCallback);
    }
    this.frameCallback = 0;
    this.close();
    // The element goes back to its owner: no figures of ours left on it.
    delete this.video.dataset.frames;
    delete this.video.dataset.inits;
    delete this.video.dataset.jumps;
    this.setState('stopped');
  }

  /** { bufferMs, frames, dropped, jumps, rate, mime, deliveryMs, latencyMs, inits, frameMs, state } */
  stats() {
    const bufferMs = Math.max(0, Math.round(this.depth() * 1000));
    return {
      ...this.figures,
      bufferMs,
      latencyMs: bufferMs + Math.round(this.figures.deliveryMs),
      frameMs: Math.round(this.frameS * 1000),
      state: this.state,
    };
  }

  // The MediaSource, its SourceBuffer, the queue and the subscription: made by open(), undone by close().
  resetMedia() {
    this.mediaSource = null;
    this.sourceBuffer = null;
    this.bufferMime = null;
    this.queue = [];
    this.waitKeyframe = true;
    this.quotaRetried = false;
    this.unwatch = null;
    this.objectUrl = null;
    this.lastEnd = null;
    this.startingUntil = null;
  }

  open() {
    this.setState('loading');
    this.attachSource();
    this.watch();
  }

  /** Subscribes to the camera's stream, with its audio when asked for. */
  watch() {
    this.unwatch = this.socket.watch(this.camera, this.stream, {
      onMime: (msg) => this.receiveMime(msg),
      onInit: (bytes) => this.receiveInit(bytes),
      onFragment: (bytes, keyframe, serverMs, audio) => this.receiveFragment(bytes, keyframe, serverMs, audio),
      onDropped: (n) => { this.figures.dropped += n; },
      onError: (text) => this.refuse(text),
    }, { audio: this.audio });
  }

  /**
   * Plays the camera's audio too (true) or the pictures alone (false): subscribes again, which brings a
   * new mime notice, init and keyframe. Call from the user's click, since unmuting needs a gesture.
   */
  setAudio(on) {
    this.video.muted = !on;
    if (on === this.audio) {
      return;
    }
    this.audio = on;
    if (this.running && this.unwatch) {
      this.unwatch();
      this.queue = [];
      this.waitKeyframe = true;
      this.watch();
    }
  }

  /** A new MediaSource on the video; its SourceBuffer is made by the next mime notice. */
  attachSource() {
    this.revokeUrl();
    this.sourceBuffer = null;
    this.bufferMime = null;
    const mediaSource = new this.Source();
    this.mediaSource = mediaSource;
    mediaSource.addEventListener('sourceopen', () => {
      if (this.mediaSource === mediaSource) {
        this.revokeUrl();
        this.process();
      }
    }, { once: true });
    if (this.managed) {
      // ManagedMediaSource plays only with AirPlay off or an alternative source: Fieldcast has none.
      this.video.disableRemotePlayback = true;
    }
    try {
      if (!this.managed) {
        throw new TypeError('MediaSource is attached by URL');
      }
      this.video.srcObject = mediaSource;
    } catch (e) {
      this.objectUrl = URL.createObjectURL(mediaSource);
      this.video.src = this.objectUrl;
    }
  }

  close() {
    this.unwatch?.();
    this.revokeUrl();
    this.video.playbackRate = 1; // the element goes back to its owner, perhaps for hls.js
    this.video.removeAttribute('src');
    if ('srcObject' in this.video) {
      this.video.srcObject = null;
    }
    this.video.load();
    this.resetMedia();
  }

  revokeUrl() {
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = null;
    }
  }

  receiveMime(msg) {
    if (!this.Source.isTypeSupported(msg.mime)) {
      this.refuse(`this browser cannot play ${msg.mime}`, 'unsupported');
      return;
    }
    this.figures.mime = msg.mime;
    if (this.hasAudio !== Boolean(msg.hasAudio)) {
      this.hasAudio = Boolean(msg.hasAudio);
      this.onAudio(this.hasAudio);
    }
    // What was queued belongs to the stream before this init; the new one starts over.
    this.queue = [{ kind: 'mime', mime: msg.mime }];
    this.process();
  }

  receiveInit(bytes) {
    if (!this.queue.some((op) => op.kind === 'mime') && !this.bufferMime) {
      return; // an init before its mime notice: the protocol never sends one
    }
    this.queue.push({ kind: 'init', bytes });
    this.waitKeyframe = true;
    this.process();
  }

  receiveFragment(bytes, keyframe, serverMs, audio = false) {
    this.figures.deliveryMs = this.delivery.sample(serverMs, performance.timeOrigin + performance.now());
    if (this.waitKeyframe && !keyframe) {
      return; // undecodable without the pictures before it
    }
    this.waitKeyframe = false;
    this.queue.push({ kind: 'fragment', bytes, audio });
    if (this.queue.length > MAX_QUEUED) {
      // The SourceBuffer falls behind (a busy page): skip to the next keyframe rather than grow.
      const before = this.queue.length;
      this.queue = this.queue.filter((op) => op.kind !== 'fragment');
      this.figures.dropped += before - this.queue.length;
      this.waitKeyframe = true;
    }
    this.process();
  }

  /** Runs queued operations, one asynchronous one (append, remove) at a time. */
  process() {
    while (this.running && this.queue.length && this.mediaSource && this.mediaSource.readyState === 'open'
        && !(this.sourceBuffer && this.sourceBuffer.updating)) {
      const op = this.queue[0];
      if (op.kind === 'mime') {
        this.queue.shift();
        if (!this.useMime(op.mime)) {
          return;
        }
        continue;
      }
      if (!this.sourceBuffer) {
        this.queue.shift(); // an init or fragment without a SourceBuffer: nothing can play it
        continue;
      }
      try {
        if (op.kind === 'remove') {
          this.queue.shift();
          this.sourceBuffer.remove(op.start, op.end);
        } else {
          this.sourceBuffer.appendBuffer(op.bytes);
          this.queue.shift();
          this.lastAppendAudio = Boolean(op.audio);
          if (op.kind === 'init') {
            this.figures.inits += 1;
            this.video.dataset.inits = String(this.figures.inits);
          }
        }
        this.quotaRetried = false;
      } catch (e) {
        if (e.name === 'QuotaExceededError' && !this.quotaRetried) {
          this.quotaRetried = true;
          this.trim(0.5); // then the same append again
        } else if (e.name === 'QuotaExceededError') {
          this.queue = this.queue.filter((x) => x.kind !== 'fragment');
          this.waitKeyframe = true;
        } else {
          this.fail(`the stream could not be appended (${e.name})`);
        }
      }
      return; // updateend calls again
    }
  }

  /** A mime notice reached the head of the queue: the SourceBuffer for it, emptied for the new init. */
  useMime(mime) {
    if (this.sourceBuffer && withAudio(mime) !== withAudio(this.bufferMime)) {
      // Audio added or taken away: another track count, which a SourceBuffer cannot change. The notice waits
      // at the head of the queue for the new MediaSource to open.
      this.queue.unshift({ kind: 'mime', mime });
      this.attachSource();
      return false;
    }
    try {
      if (!this.sourceBuffer) {
        const sourceBuffer = this.mediaSource.addSourceBuffer(mime);
        sourceBuffer.mode = 'segments';
        sourceBuffer.addEventListener('updateend', () => this.appended());
        sourceBuffer.addEventListener('error', () => this.fail('the stream could not be parsed'));
        this.sourceBuffer = sourceBuffer;
      } else {
        if (mime !== this.bufferMime) {
          if (!this.sourceBuffer.changeType) {
            throw new Error('no changeType()');
          }
          this.sourceBuffer.changeType(mime);
        }
        // A restarted camera's timestamps start anew, perhaps below the old ones: clear them so that the
        // newest range is the new stream's, and keepUp() jumps to its first keyframe.
        if (this.sourceBuffer.buffered.length) {
          this.queue.unshift({ kind: 'remove', start: 0, end: Infinity });
        }
      }
      this.bufferMime = mime;
      this.lastEnd = null;
      this.startingUntil = null;
      return true;
    } catch (e) {
      // A codec this SourceBuffer cannot change to: a new MediaSource, and the server sends it all again.
      this.rebuild(`the new codec could not be set (${e.message})`);
      return false;
    }
  }

  appended() {
    const buffered = this.sourceBuffer && this.sourceBuffer.buffered;
    if (buffered && buffered.length) {
      const end = buffered.end(buffered.length - 1);
      // Each picture fragment grows the buffer by one frame interval (audio ones by what audio adds).
      const grown = this.lastEnd === null ? 0 : end - this.lastEnd;
      if (!this.lastAppendAudio && grown > 0.004 && grown < 0.25) {
        this.frameS += (grown - this.frameS) / 8;
      }
      this.lastEnd = end;
      if (this.startingUntil === null) {
        this.startingUntil = performance.now() + START_BURST_MS;
      }
      this.keepUp();
      // A background tab whose video the browser paused stays paused: coming back jumps and plays.
      if (document.visibilityState !== 'hidden') {
        this.play();
      }
    }
    this.process();
  }

  /** The latency controller at work: jumps over gaps and to the live edge, sets the rate, trims. */
  keepUp() {
    const buffered = this.sourceBuffer && this.mediaSource && this.mediaSource.readyState === 'open'
      ? this.sourceBuffer.buffered : null;
    if (!buffered || !buffered.length) {
      return;
    }
    const last = buffered.length - 1;
    const now = this.video.currentTime;
    const hidden = document.visibilityState === 'hidden';
    if (now < buffered.start(last) - 0.001 || now > buffered.end(last) + 0.1) {
      // Before the newest range: the first keyframe of a (new) stream, or after a gap the server left.
      this.jumpToLive();
    } else if (performance.now() < this.startingUntil && this.depth() > (TARGET_FRAMES + 1) * this.frameS) {
      // Just after an init the server's GOP cache arrives as a burst of up to a second: start at its
      // newest picture rather than play the burst faster (the decoder runs through the GOP up to it).
      this.jumpToLive(false);
    } else if (!hidden) {
      // A background tab barely runs timers; coming back jumps anyway.
      const decision = steer(this.depth(), this.frameS, { managed: this.managed });
      if (decision.jump) {
        this.jumpToLive();
      } else if (decision.rate !== this.figures.rate) {
        this.figures.rate = decision.rate;
        this.video.playbackRate = decision.rate;
      }
    }
    if (!this.sourceBuffer.updating && this.queue.length === 0) {
      this.trim(BACK_BUFFER_S);
    }
  }

  /** Removes what lies more than backS behind the playhead (and anything beyond MAX_BUFFER_S). */
  trim(backS) {
    const buffered = this.sourceBuffer.buffered;
    if (!buffered.length) {
      return;
    }
    const start = buffered.start(0);
    const end = buffered.end(buffered.length - 1);
    const cut = Math.max(this.video.currentTime - backS, end - MAX_BUFFER_S);
    // Not for every frame: a second at a time.
    if (cut - start > (backS < 1 ? 0 : 1)) {
      this.queue.unshift({ kind: 'remove', start: 0, end: cut });
      this.process();
    }
  }

  /** @param {boolean} counted false for a start at the newest picture, which is no correction */
  jumpToLive(counted = true) {
    const buffered = this.sourceBuffer && this.sourceBuffer.buffered;
    if (!buffered || !buffered.length) {
      return;
    }
    const last = buffered.length - 1;
    const to = Math.max(buffered.start(last), buffered.end(last) - TARGET_FRAMES * this.frameS);
    if (Math.abs(to - this.video.currentTime) > 0.001) {
      this.video.currentTime = to;
      if (counted) {
        this.figures.jumps += 1;
        this.video.dataset.jumps = String(this.figures.jumps);
      }
    }
    if (this.figures.rate !== 1) {
      this.figures.rate = 1;
      this.video.playbackRate = 1;
    }
  }

  depth() {
    const buffered = this.sourceBuffer && this.mediaSource && this.mediaSource.readyState === 'open'
      ? this.sourceBuffer.buffered : null;
    return buffered && buffered.length ? buffered.end(buffered.length - 1) - this.video.currentTime : 0;
  }

  play() {
    if (this.video.paused) {
      // Muted autoplay is allowed; a refusal is not an error, 'playing' just never comes.
      this.video.play().catch(() => {});
    }
  }

  countFrames() {
    if (!this.video.requestVideoFrameCallback) {
      return;
    }
    const onFrame = () => {
      if (!this.running) {
        return;
      }
      this.figures.frames += 1;
      this.video.dataset.frames = String(this.figures.frames);
      if (this.figures.frames - (this.framesAtRebuild || 0) === HEALTHY_FRAMES) {
        this.rebuilds = 0;
      }
      this.frameCallback = this.video.requestVideoFrameCallback(onFrame);
    };
    this.frameCallback = this.video.requestVideoFrameCallback(onFrame);
  }

  /** The server will not send this camera, or the browser cannot play it: final, the owner falls back. */
  refuse(reason, state = 'refused') {
    this.unwatch?.();
    this.unwatch = null;
    this.queue = [];
    this.setState(state, reason);
  }

  fail(reason) {
    if (this.running && !this.rebuildTimer) {
      this.rebuild(reason);
    }
  }

  /** A new MediaSource and a new subscription, after a pause that grows while it keeps failing. */
  rebuild(reason) {
    const pause = REBUILD_MS[Math.min(this.rebuilds++, REBUILD_MS.length - 1)];
    // Armed before close(), so an error event that the teardown itself raises is ignored.
    this.rebuildTimer = window.setTimeout(() => {
      this.rebuildTimer = 0;
      if (this.running) {
        this.framesAtRebuild = this.figures.frames;
        this.open();
      }
    }, pause);
    this.close();
    this.setState('error', reason);
  }

  setState(state, reason) {
    if (state === this.state && !reason) {
      return;
    }
    this.state = state;
    this.video.dataset.playerState = state;
    this.onStatus({ state, reason });
  }
}
