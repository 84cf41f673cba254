/**
 * What every HTTP entry point shares, at the bottom of the layering: the one JSON error shape
 * ({@link org.fieldcast.http.ApiError}) and the one mapper to it, the exception that carries its own
 * status ({@link org.fieldcast.http.StatusException}, which each feature's exceptions extend, so the
 * mapper imports no feature), the strict JSON body reader, the deadline queue of held requests, and
 * rate-limited logging of what clients can cause at will.
 */
package org.fieldcast.http;
