// Shows one camera's MJPEG stream (multipart/x-mixed-replace) in an <img>: the browser does the rest.
// One HTTP connection per view, so prefer the frame socket for grids. After an error the stream is
// requested again after a growing pause. data-player-state mirrors what happens, as for the video.

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 10000;

/**
 * @param {HTMLImageElement} img
 * @param {string} url the stream.mjpg URL
 * @returns {{destroy: () => void}}
 */
export function attachMjpeg(img, url) {
  let retryDelay = RETRY_FIRST_MS;
  let retryTimer = 0;
  img.hidden = false;
  img.dataset.playerState = 'loading';
  img.onload = () => {
    retryDelay = RETRY_FIRST_MS;
    img.dataset.playerState = 'playing';
  };
  img.onerror = () => {
    if (retryTimer || !img.getAttribute('src')) {
      return;
    }
    img.dataset.playerState = 'error';
    retryTimer = window.setTimeout(() => {
      retryTimer = 0;
      img.src = withRetry(url);
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  };
  img.src = url;

  return {
    destroy() {
      window.clearTimeout(retryTimer);
      img.onload = null;
      img.onerror = null;
      img.removeAttribute('src'); // ends the request, so the server's viewer goes away
      img.hidden = true;
      img.dataset.playerState = 'stopped';
    },
  };
}

function withRetry(url) {
  const u = new URL(url, document.baseURI);
  u.searchParams.set('retry', Date.now()); // a new request, not the failed one from the cache
  return u.href;
}
