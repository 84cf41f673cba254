package org.fieldcast.access;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * The container's Jakarta Authentication module for this application: it hands every request to
 * {@link FieldcastAuthentication} exactly as the platform's own bridge (Soteria's
 * {@code HttpBridgeServerAuthModule}) does, with the platform's own message context, but looks the
 * mechanism up once instead of twice per request.
 * <p>
 * Why not the platform's bridge: it resolves the mechanism bean through a JNDI lookup of the
 * BeanManager in validateRequest and again in secureResponse. Under 500 LL-HLS viewers (five
 * requests a second each) those lookups alone were 15 % of the server's CPU samples (JFR,
 * {@code bench.sh load --auth both}; README, Benchmarks). Registered by {@link MechanismModuleInstaller}
 * in place of the platform's module, through the standard {@code AuthConfigFactory}; the platform's
 * classes it needs (its HttpMessageContext, which its OpenID mechanism and
 * {@code SecurityContext.authenticate} rely on, and its status bookkeeping) are reached by name, so
 * nothing here compiles against the implementation.
 */
final class MechanismModule implements ServerAuthModule {
    private static final String JASPIC = "org.glassfish.soteria.mechanisms.jaspic.Jaspic";
    private static final String MESSAGE_CONTEXT = "org.glassfish.soteria.mechanisms.HttpMessageContextImpl";

    private final MethodHandle newContext;
    private final MethodHandle setLastStatus;
    private final MethodHandle toAuthStatus;
    private volatile HttpAuthenticationMechanism mechanism;
    private CallbackHandler handler;

    MechanismModule(ClassLoader platform) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> context = Class.forName(MESSAGE_CONTEXT, false, platform);
        Class<?> jaspic = Class.forName(JASPIC, false, platform);
        newContext = lookup.findConstructor(context, MethodType.methodType(void.class, CallbackHandler.class, MessageInfo.class, Subject.class));
        setLastStatus = lookup.findStatic(jaspic, "setLastAuthenticationStatus",
                MethodType.methodType(void.class, HttpServletRequest.class, AuthenticationStatus.class));
        toAuthStatus = lookup.findStatic(jaspic, "fromAuthenticationStatus", MethodType.methodType(AuthStatus.class, AuthenticationStatus.class));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void initialize(MessagePolicy request, MessagePolicy response, CallbackHandler callbacks, Map options) {
        this.handler = callbacks;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpMessageContext context = context(message, client);
        HttpServletRequest request = context.getRequest();
        lastStatus(request, AuthenticationStatus.NOT_DONE);
        AuthenticationStatus status;
        try {
            status = mechanism().validateRequest(request, context.getResponse(), context);
        } catch (AuthenticationException e) {
            lastStatus(request, AuthenticationStatus.SEND_FAILURE);
            throw (AuthException) new AuthException("Authentication failure in HttpAuthenticationMechanism").initCause(e);
        }
        lastStatus(request, status);
        return authStatus(status);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
        HttpMessageContext context = context(message, null);
        try {
            AuthStatus status = authStatus(mechanism().secureResponse(context.getRequest(), context.getResponse(), context));
            return status == AuthStatus.SUCCESS ? AuthStatus.SEND_SUCCESS : status;
        } catch (AuthenticationException e) {
            throw (AuthException) new AuthException("Secure response failure in HttpAuthenticationMechanism").initCause(e);
        }
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
        HttpMessageContext context = context(message, subject);
        mechanism().cleanSubject(context.getRequest(), context.getResponse(), context);
    }

    /** Resolved at the first request (the bean manager is complete by then), as the platform resolves it. */
    private HttpAuthenticationMechanism mechanism() {
        HttpAuthenticationMechanism m = mechanism;
        if (m == null) {
            m = CDI.current().select(HttpAuthenticationMechanism.class).get();
            mechanism = m;
        }
        return m;
    }

    private HttpMessageContext context(MessageInfo message, Subject subject) throws AuthException {
        try {
            return (HttpMessageContext) newContext.invoke(handler, message, subject);
        } catch (Throwable e) {
            throw (AuthException) new AuthException("the platform's HttpMessageContext cannot be made").initCause(e);
        }
    }

    private void lastStatus(HttpServletRequest request, AuthenticationStatus status) throws AuthException {
        try {
            setLastStatus.invoke(request, status);
        } catch (Throwable e) {
            throw (AuthException) new AuthException("the authentication status cannot be recorded").initCause(e);
        }
    }

    private AuthStatus authStatus(AuthenticationStatus status) throws AuthException {
        try {
            return (AuthStatus) toAuthStatus.invoke(status);
        } catch (Throwable e) {
            throw (AuthException) new AuthException("the authentication status cannot be translated").initCause(e);
        }
    }
}
