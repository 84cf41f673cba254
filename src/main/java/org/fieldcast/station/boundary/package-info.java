/** {@code /api/sites}: the sites and stations the caller may see, with each station's problems. */
package org.fieldcast.station.boundary;
