// While a camera's live video is lost and Fieldcast shows its HTTP snapshots instead (FALLBACK), an
// image over the player shows the latest snapshot, refreshed at the rate the server polls the camera.
// It hides itself as soon as live video is back.

export class FallbackView {
  /**
   * @param {HTMLImageElement} image the overlay image (hidden unless in fallback)
   */
  constructor(image) {
    this.image = image;
    this.timer = 0;
    this.url = null;
  }

  /** @param health the latest health message; @param snapshotUrl the camera's snapshot URL, or null */
  update(health, snapshotUrl) {
    const show = health.state === 'FALLBACK' && Boolean(snapshotUrl);
    if (!show) {
      this.stop();
      return;
    }
    const every = Math.max(1, health.fallbackEvery || 2) * 1000;
    if (this.url !== snapshotUrl || !this.timer) {
      this.stop();
      this.url = snapshotUrl;
      this.refresh();
      this.timer = window.setInterval(() => this.refresh(), every);
    }
    this.image.hidden = false;
  }

  refresh() {
    const url = new URL(this.url, document.baseURI);
    url.searchParams.set('t', Date.now()); // a new snapshot each time, past any cache
    this.image.src = url.href;
  }

  stop() {
    window.clearInterval(this.timer);
    this.timer = 0;
    this.url = null;
    this.image.hidden = true;
    this.image.removeAttribute('src');
  }
}
