/**
 * The perimeter: what every HTTP request and WebSocket handshake passes before any feature sees it.
 * Plain HTTP is redirected to HTTPS (or trusted from a TLS-terminating proxy at a configured address),
 * every response carries the security headers (a Content-Security-Policy without inline code,
 * {@code frame-ancestors} per page), cross-origin reads are allowed only to configured origins, and
 * state-changing requests and WebSocket handshakes from a browser are refused unless they come from
 * this server's own origin or an allowed one. Who may do what once inside is not decided here.
 *
 * <p>Imports no feature package: it sits below the features' entry points, which may use it.
 */
package org.fieldcast.perimeter;
