/**
 * What one client may hold, counted per client address: WebSockets on all endpoints together, held
 * HLS requests, MJPEG streams and the JPEG transcoders it causes to run ({@link ClientAllowance}, set
 * up by {@link ClientLimits}); WebSocket admission, address and liveness ({@link ClientSockets}: one
 * ping sweep for every socket, closing those whose pongs stop); and which cameras an address is
 * watching over HLS ({@link WatchedCameras}), so that only a viewer may report on one.
 *
 * <p>The client address is {@code HttpServletRequest#getRemoteAddr()}: behind a trusted proxy the
 * perimeter filter makes that the forwarded client. Imports no feature package, only the perimeter's
 * {@code AddressRanges} for the spared addresses: the features' entry points (servlets, endpoints) use it.
 */
package org.fieldcast.limits;
