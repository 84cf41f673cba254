package org.fieldcast.limits;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The client address of a WebSocket: the only container-specific code of the limits.
 * <p>
 * Jakarta WebSocket has no remote address, neither on the {@code Session} nor on the
 * {@code HandshakeRequest}. Payara's Tyrus keeps it on its session, {@code TyrusSession#getRemoteAddr()},
 * which its servlet filter took from {@code HttpServletRequest#getRemoteAddr()} of the upgrade request.
 * That filter is added after the application's own, so the request it reads is the one the perimeter
 * filter passed on: behind a trusted proxy, the forwarded client's address, as for every servlet.
 * Read at {@code @OnOpen} from the session, so no {@code ServerEndpointConfig.Configurator} is needed
 * (a configurator's user properties are shared by every session of an endpoint, no place for a
 * per-connection value). Called by reflection on the session's own class, so the application does not
 * compile against Tyrus, which Payara keeps to itself.
 */
final class WebSocketClientAddress {
    private static final Logger LOG = Logger.getLogger(WebSocketClientAddress.class.getName());
    private static volatile boolean warned;

    private WebSocketClientAddress() {
    }

    /** The address, or empty when this container does not tell (the caller then cannot limit per address). */
    static Optional<String> of(Session session) {
        try {
            Method getter = session.getClass().getMethod("getRemoteAddr");
            Object address = getter.invoke(session);
            if (address instanceof String s && !s.isEmpty()) {
                return Optional.of(s);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another container, or a Tyrus that moved it: warned below
        }
        if (!warned) {
            warned = true;
            LOG.warning("this container does not tell WebSocket client addresses (" + session.getClass().getName()
                    + " has no getRemoteAddr()): sockets are not limited per address, and no telemetry is accepted");
        }
        return Optional.empty();
    }
}
