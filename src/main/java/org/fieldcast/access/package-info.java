/**
 * Who may see and steer what. Jakarta Security establishes the caller on every request through one
 * mechanism ({@link org.fieldcast.access.FieldcastAuthentication}: a login's session, an API token,
 * an embed grant's cookie, single sign-on, or the configured anonymous role); the
 * {@link org.fieldcast.access.AccessFilter} then applies one table of rules
 * ({@link org.fieldcast.access.AccessRules}) to every path, with the caller's sites checked on every
 * camera path, and the CSRF token on every state change that rides on a cookie. The caller is the
 * request's and the WebSocket session's principal and carries its
 * {@link org.fieldcast.station.CameraScope}, which the features below use to filter what they hand
 * out. Accounts, tokens, grants and the audit trail live in the station database.
 * <p>
 * The top of the layering: it imports station, web and perimeter (to read origins); no feature imports it.
 */
package org.fieldcast.access;
