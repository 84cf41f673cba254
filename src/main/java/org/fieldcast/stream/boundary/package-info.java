/**
 * {@code /api/cameras}: the cameras the caller may see, each with its stream's state, as API views
 * built here so no credential can reach JSON.
 */
package org.fieldcast.stream.boundary;
