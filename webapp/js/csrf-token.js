// The token a page's state-changing requests echo as X-CSRF-Token (the login's, or the embed grant's):
// its cookie alone, which any page can make the browser send, is not enough.

let token = null;

export function setCsrfToken(value) {
  token = value || null;
}

/** Headers to add to a POST, PUT or DELETE: the token when there is one. */
export function csrfHeaders() {
  return token ? { 'X-CSRF-Token': token } : {};
}
