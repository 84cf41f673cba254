// Who last steered a PTZ camera ("last: <actor>, <action>, <time ago>"), from
// GET api/cameras/{id}/operator: 200 {actor, action, at}, or 204 when nobody has. Asked every
// REFRESH_MS while the tile is on screen and the tab visible, and again after each own action.
// Any other answer (a server without the endpoint answers 404) leaves the line hidden.

const REFRESH_MS = 10000;

export class LastOperator {
  /**
   * @param {HTMLElement} element the line (text only: names never become markup)
   * @param {typeof fetch} fetcher
   */
  constructor(element, fetcher) {
    this.element = element;
    this.fetcher = fetcher;
    this.url = null;
    this.timer = null;
    this.asking = false;
  }

  /** The camera to follow; null for a camera without PTZ (the line goes). */
  follow(cameraId) {
    const url = cameraId ? `api/cameras/${encodeURIComponent(cameraId)}/operator` : null;
    if (url === this.url) {
      return;
    }
    this.url = url;
    this.show(null);
    if (this.timer) {
      this.refresh();
    }
  }

  /** The tile came on screen: ask now and every REFRESH_MS. */
  start() {
    if (!this.timer) {
      this.timer = window.setInterval(() => {
        if (document.visibilityState === 'visible') {
          this.refresh();
        }
      }, REFRESH_MS);
      this.refresh();
    }
  }

  stop() {
    window.clearInterval(this.timer);
    this.timer = null;
  }

  async refresh() {
    if (!this.url || this.asking) {
      return;
    }
    const url = this.url;
    this.asking = true;
    try {
      const response = await this.fetcher(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (url !== this.url) {
        return; // the tile shows another camera meanwhile
      }
      if (response.status === 200) {
        this.show(await response.json());
      } else if (response.status === 204 || response.status === 404) {
        this.show(null);
      }
      // Anything else: keep what is shown; the camera list reports an unreachable server.
    } catch (e) {
      // As above.
    } finally {
      this.asking = false;
    }
  }

  show(last) {
    const at = last ? Date.parse(last.at) : NaN;
    if (!last || typeof last.actor !== 'string' || typeof last.action !== 'string') {
      this.element.hidden = true;
      this.element.textContent = '';
      return;
    }
    this.element.textContent = `last: ${last.actor}, ${last.action}${Number.isNaN(at) ? '' : `, ${timeAgo(Date.now() - at)}`}`;
    this.element.title = Number.isNaN(at) ? '' : new Date(at).toLocaleString();
    this.element.hidden = false;
  }
}

/** "just now", "40 s ago", "12 min ago", "3 h ago", "2 d ago". */
export function timeAgo(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 5) {
    return 'just now';
  }
  if (s < 60) {
    return `${s} s ago`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ago`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h ago`;
  }
  return `${Math.floor(s / 86400)} d ago`;
}
