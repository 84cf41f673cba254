/**
 * The web application's own wiring, at the top: the JAX-RS application, the container's error pages
 * as JSON, the request body limit, the check that every given setting converts to its type, and the
 * static dashboard, login and embed pages (served from the WAR's web root). Each feature's entry points sit in that feature's {@code boundary} package.
 */
package org.fieldcast.web;
