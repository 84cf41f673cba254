// The hold-to-move pad: press anywhere on it (mouse, pen or touch) and the camera turns towards that
// side, faster the further from the centre; drag to steer; release to stop. Arrow keys do the same
// while the pad has focus. Pointer capture keeps the move ours even when the finger leaves the pad.

const DEAD_ZONE = 0.15;
const STEP = 0.05; // speeds are rounded so that small jitters do not send new commands

export class PtzPad {
  /**
   * @param {HTMLElement} pad the pad element (its first child is the knob)
   * @param {import('./ptz-link.js').PtzLink} link
   */
  constructor(pad, link) {
    this.pad = pad;
    this.knob = pad.querySelector('[data-ptz-knob]');
    this.link = link;
    this.pointer = null;
    this.last = null;
    this.keys = new Set();
    pad.addEventListener('pointerdown', (e) => this.press(e));
    pad.addEventListener('pointermove', (e) => {
      if (e.pointerId === this.pointer) {
        this.steer(e);
      }
    });
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) {
      pad.addEventListener(type, (e) => {
        if (e.pointerId === this.pointer) {
          this.release();
        }
      });
    }
    pad.addEventListener('keydown', (e) => this.key(e, true));
    pad.addEventListener('keyup', (e) => this.key(e, false));
    pad.addEventListener('blur', () => {
      this.keys.clear();
      this.release();
    });
  }

  press(e) {
    e.preventDefault();
    this.pad.focus({ preventScroll: true });
    this.pointer = e.pointerId;
    this.pad.setPointerCapture(e.pointerId);
    this.steer(e);
  }

  steer(e) {
    const r = this.pad.getBoundingClientRect();
    let x = (e.clientX - (r.left + r.width / 2)) / (r.width / 2);
    let y = (e.clientY - (r.top + r.height / 2)) / (r.height / 2);
    const length = Math.hypot(x, y);
    if (length > 1) {
      x /= length;
      y /= length;
    }
    this.showKnob(x, y);
    // Screen y grows downwards; tilt up is positive.
    this.send(length < DEAD_ZONE ? 0 : x, length < DEAD_ZONE ? 0 : -y);
  }

  key(e, down) {
    const directions = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (!directions[e.key]) {
      return;
    }
    e.preventDefault();
    if (down) {
      this.keys.add(e.key);
    } else {
      this.keys.delete(e.key);
    }
    const [pan, tilt] = [...this.keys].reduce(([p, t], k) => [p + directions[k][0], t + directions[k][1]], [0, 0]);
    this.showKnob(pan * 0.7, -tilt * 0.7);
    if (pan === 0 && tilt === 0) {
      this.release();
    } else {
      this.send(pan * 0.5, tilt * 0.5);
    }
  }

  send(pan, tilt) {
    const vector = { pan: round(pan), tilt: round(tilt), zoom: 0 };
    if (vector.pan === 0 && vector.tilt === 0) {
      if (this.last) {
        this.last = null;
        this.link.stop();
      }
      return;
    }
    if (!this.last || this.last.pan !== vector.pan || this.last.tilt !== vector.tilt) {
      this.last = vector;
      this.link.move(vector);
    }
    this.pad.dataset.ptzMoving = 'true';
  }

  release() {
    this.pointer = null;
    this.last = null;
    this.showKnob(0, 0);
    delete this.pad.dataset.ptzMoving;
    this.link.stop();
  }

  showKnob(x, y) {
    // CSSOM, not a style attribute, so a strict CSP allows it.
    const reach = this.pad.clientWidth * 0.35;
    this.knob.style.transform = `translate(${(x * reach).toFixed(1)}px, ${(y * reach).toFixed(1)}px)`;
  }
}

function round(v) {
  return Math.round(v / STEP) * STEP === 0 ? 0 : Number((Math.round(v / STEP) * STEP).toFixed(2));
}
