package org.fieldcast.access;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * How a request proves who it comes from, as the container's one authentication mechanism (Jakarta
 * Security calls it before every request, WebSocket handshakes included):
 * <ol>
 * <li>a login through {@code SecurityContext.authenticate} (the session resource), checked by the
 * container's identity stores, starts a session;</li>
 * <li>so does single sign-on, when configured ({@link SingleSignOn});</li>
 * <li>{@code Authorization: Bearer} an API token;</li>
 * <li>the session cookie of a login;</li>
 * <li>the cookie an embed page got for its grant;</li>
 * <li>else the anonymous role, if one is configured, or nobody.</li>
 * </ol>
 * It only establishes the caller; {@link AccessFilter} decides what the caller may do.
 */
@ApplicationScoped
// With single sign-on on, the platform adds a second HttpAuthenticationMechanism bean (its OpenID Connect
// one, which SingleSignOn calls); an enabled alternative is the one its Jakarta Security bridge resolves.
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class FieldcastAuthentication implements HttpAuthenticationMechanism {

    /** The request attribute holding the CSRF token a cookie-borne request must echo. */
    static final String CSRF_EXPECTED = "fieldcast.csrf-token";
    /** The request attribute marking a bearer token that is no (longer a) token: 401 on every path that needs a caller. */
    static final String INVALID_TOKEN = "fieldcast.invalid-token";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    UserAccounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    EmbedGrants embeds;

    @Inject
    AccessSettings settings;

    @Inject
    SingleSignOn sso;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (sso.enabled()) {
            String path = AccessFilter.pathOf(request);
            if (sso.handles(path, request)) {
                return sso.validate(path, request, context);
            }
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential != null) {
            return login(request, context, credential);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return bearer(authorization, request, context);
        }
        Optional<SessionLogin> session = sessionLogin(request);
        if (session.isPresent()) {
            request.setAttribute(CSRF_EXPECTED, session.get().csrfToken());
            return notify(context, session.get().caller());
        }
        String embedCookie = cookie(request, EmbedGrants.COOKIE);
        if (embedCookie != null) {
            Optional<Caller> grant = embeds.verify(embedCookie);
            if (grant.isPresent()) {
                request.setAttribute(CSRF_EXPECTED, embeds.csrfToken(embedCookie));
                return notify(context, grant.get());
            }
        }
        return settings.anonymous()
                .map(role -> notify(context, Caller.account("anonymous", Caller.Kind.ANONYMOUS, role, Set.of())))
                .orElseGet(context::doNothing);
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID
                || !(result.getCallerPrincipal() instanceof Caller caller)) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        startSession(request, caller);
        return context.notifyContainerAboutLogin(caller, result.getCallerGroups());
    }

    /** A new session id for every login, so an id planted before it (session fixation) is worth nothing. */
    static SessionLogin startSession(HttpServletRequest request, Caller caller) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        SessionLogin login = new SessionLogin(caller, Secrets.random(32), Instant.now());
        session.setAttribute(SessionLogin.ATTRIBUTE, login);
        request.setAttribute(CSRF_EXPECTED, login.csrfToken());
        return login;
    }

    private AuthenticationStatus bearer(String authorization, HttpServletRequest request, HttpMessageContext context) {
        String secret = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
        Optional<Caller> caller = secret.isEmpty() ? Optional.empty() : tokens.verify(secret);
        if (caller.isEmpty()) {
            // Refused by the access filter, after the perimeter's filter has added its headers: an answer
            // written here would skip them. Nobody is logged in, and the anonymous role does not apply.
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            return context.doNothing();
        }
        return notify(context, caller.get());
    }

    /** The session's login, its account re-read now and then; gone when the account is, or too old. */
    private Optional<SessionLogin> sessionLogin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login)) {
            return Optional.empty();
        }
        if (login.since().plus(settings.sessionMaxAge()).isBefore(Instant.now())) {
            session.invalidate();
            return Optional.empty();
        }
        Caller caller = login.caller();
        if (caller.kind() != Caller.Kind.USER) {
            return Optional.of(login);
        }
        Optional<UserAccounts.State> now = accounts.current(caller.getName());
        if (now.isEmpty() || !now.get().enabled() || loggedInBefore(login, now.get().passwordChangedAt())) {
            session.invalidate();
            return Optional.empty();
        }
        UserAccounts.State state = now.get();
        if (state.role() != caller.role() || !state.sites().equals(caller.sites())) {
            login = login.withCaller(Caller.account(caller.getName(), caller.kind(), state.role(), state.sites()));
            session.setAttribute(SessionLogin.ATTRIBUTE, login);
        }
        return Optional.of(login);
    }

    /** A login older than the account's password: the password was changed (or reset) since. */
    private static boolean loggedInBefore(SessionLogin login, Instant passwordChangedAt) {
        return passwordChangedAt != null && login.since().isBefore(passwordChangedAt);
    }

    private static AuthenticationStatus notify(HttpMessageContext context, Caller caller) {
        return context.notifyContainerAboutLogin(caller, caller.role().groups());
    }

    static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
