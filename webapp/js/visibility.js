// Calls show() while an element is on screen in a visible tab and hide() once it is not, so players that
// nobody can see release their stream and the server can close the camera's pull when it goes idle.

export class VisibilityGate {
  /** @param {{rootMargin?: string}} [options] rootMargin starts players a little before they scroll in. */
  constructor({ rootMargin = '100px' } = {}) {
    this.watched = new Map();
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const watch = this.watched.get(entry.target);
        if (watch) {
          watch.onScreen = entry.isIntersecting;
          this.apply(watch);
        }
      }
    }, { rootMargin });
    // IntersectionObserver keeps reporting "intersecting" for a background tab.
    document.addEventListener('visibilitychange', () => this.watched.forEach((watch) => this.apply(watch)));
  }

  /** Starts watching; the first show() comes once the browser has measured the element. */
  watch(element, { show, hide }) {
    this.watched.set(element, { show, hide, onScreen: false, shown: false });
    this.observer.observe(element);
  }

  /** Stops watching, calling hide() first if the element was shown. */
  unwatch(element) {
    const watch = this.watched.get(element);
    if (!watch) {
      return;
    }
    this.observer.unobserve(element);
    this.watched.delete(element);
    if (watch.shown) {
      watch.hide();
    }
  }

  apply(watch) {
    const visible = watch.onScreen && document.visibilityState === 'visible';
    if (visible !== watch.shown) {
      watch.shown = visible;
      if (visible) {
        watch.show();
      } else {
        watch.hide();
      }
    }
  }
}
