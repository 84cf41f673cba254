/** {@code /api/cameras/{id}/route} (admin): how this server reaches a camera, hop by hop, and a probe of it. */
package org.fieldcast.gateway.boundary;
