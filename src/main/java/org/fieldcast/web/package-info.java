/**
 * The HTTP boundary: the JAX-RS application and API views, the one JSON error shape, and the
 * static dashboard and embed pages (served from the WAR's web root).
 */
package org.fieldcast.web;
