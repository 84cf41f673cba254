// Where the login page sends the user afterwards: the page they came for, but only a page of this
// site. Anything else (another host, a scheme, "//host", a backslash trick) falls back to the
// dashboard, so a link to the login page can never be used to send someone elsewhere.

const DASHBOARD = './';

/**
 * The path (with query and fragment) to go to after logging in.
 * @param {string|null} next the `next` parameter, e.g. "/index.html?x=1"
 * @param {string} base this page's URL (document.baseURI)
 */
export function safeNext(next, base) {
  // Only a path of this site: no scheme or host of its own. Browsers read "\" as "/" and drop tabs
  // and line breaks, so both are refused outright rather than reasoned about.
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\s\u0000-\u001f]/.test(next)) {
    return DASHBOARD;
  }
  let url;
  try {
    url = new URL(next, base);
  } catch (e) {
    return DASHBOARD;
  }
  const here = new URL(base);
  // "/..//host" normalizes to "//host", which would leave the site when used as a path. Back to the
  // login page would only ask again.
  if (url.origin !== here.origin || url.pathname.startsWith('//') || url.pathname.endsWith('/login.html')) {
    return DASHBOARD;
  }
  return url.pathname + url.search + url.hash;
}
