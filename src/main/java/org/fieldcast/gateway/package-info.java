/**
 * Gateways: how Fieldcast reaches a camera across the NAT gateways in front of its site.
 *
 * <p>{@link org.fieldcast.gateway.CameraRoutes} turns a camera into the endpoints to dial for RTSP,
 * HTTP and HTTPS: the camera itself when Fieldcast sits on its network (configured networks or
 * sites, confirmed by a quick TCP probe), otherwise the public side of its gateway chain, translated
 * hop by hop through each gateway's port mappings. The choice is kept per camera and made again
 * after a failure.
 *
 * <p>{@link org.fieldcast.gateway.RtspInputs} gives each ffmpeg pull a loopback RTSP proxy towards
 * that endpoint, which authenticates to the camera itself: ffmpeg's command line carries no
 * credentials, and URLs with the camera's private address (Content-Base behind NAT) are moved
 * under the proxy. RTSP through it is always TCP interleaved, which is what crosses NAT.
 * {@link org.fieldcast.gateway.CameraAccess} gives the camera as reached along that route, for the
 * camera HTTP transport's snapshots and RCP+ requests.
 *
 * <p>The proxies run on the streams' executor and live exactly as long as their pull.
 */
package org.fieldcast.gateway;
