package org.fieldcast.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.fieldcast.http.ApiError;
/**
 * Single sign-on for {@link FieldcastAuthentication}: {@code GET} {@value SsoSettings#LOGIN_PATH} and
 * {@value SsoSettings#CALLBACK_PATH} are handed to the platform's OpenID Connect mechanism, which sends the
 * browser to the provider and, back at the callback, checks the state, trades the code and validates the ID
 * token (signature by the provider's keys, issuer, audience, expiry, nonce). The claims then become a
 * {@link Caller} of kind SSO in our own session login, as a password login does; the platform's login and
 * its tokens are not kept.
 * <p>
 * No login throttle here: the provider checks the passwords, and throttles them.
 */
@ApplicationScoped
class SingleSignOn {
    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());
    /** Where to go after the login, kept across the round trip to the provider; checked again when read. */
    static final String NEXT_COOKIE = "__Host-fieldcast-sso-next";
    /** Set by Jakarta Security when a mechanism asks the container to keep its login in the session. */
    private static final String REGISTER_SESSION = "jakarta.servlet.http.registerSession";
    /** A path of this site: one leading slash (two would name another host), URL characters, no backslash. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*");

    @Inject
    SsoSettings settings;

    @Inject
    PlatformBeans platform;

    @Inject
    Instance<OpenIdContext> openId;

    @Inject
    AuditLog audit;

    private boolean enabled;

    @PostConstruct
    void readSettings() {
        enabled = settings.enabled();
    }

    boolean enabled() {
        return enabled;
    }

    /** A GET of the login or the callback while single sign-on is on; anything else there meets the access table. */
    boolean handles(String path, HttpServletRequest request) {
        return enabled && (path.equals(SsoSettings.LOGIN_PATH) || path.equals(SsoSettings.CALLBACK_PATH))
                && "GET".equals(request.getMethod());
    }

    AuthenticationStatus validate(String path, HttpServletRequest request, HttpMessageContext context) {
        return path.equals(SsoSettings.LOGIN_PATH) ? start(request, context) : finish(request, context);
    }

    private AuthenticationStatus start(HttpServletRequest request, HttpMessageContext context) {
        HttpServletResponse response = context.getResponse();
        // Before the platform's redirect, which commits the response.
        rememberNext(response, localPath(request.getParameter("next")));
        try {
            // The platform redirects to the provider only for a protected resource: this one is.
            return platform.openIdMechanism().validateRequest(request, response, new HttpMessageContextWrapper(context) {
                @Override
                public boolean isProtected() {
                    return true;
                }
            });
        } catch (AuthenticationException | RuntimeException e) {
            // Its discovery document is read here first: a provider away is an exception.
            LOG.warning(() -> "single sign-on cannot start, the provider " + settings.providerUri().orElse("")
                    + " does not answer: " + brief(e));
            return answer(response, 503, "the single sign-on provider does not answer; try again later");
        }
    }

    private AuthenticationStatus finish(HttpServletRequest request, HttpMessageContext context) {
        Optional<String> next = takeNext(request, context.getResponse());
        AuthenticationStatus status;
        try {
            status = platform.openIdMechanism().validateRequest(request, context.getResponse(), context);
        } catch (AuthenticationException | RuntimeException e) {
            // The token checks throw (an expired or badly signed token, a wrong issuer or nonce), as does a
            // callback without the flow's cookies: refused, never a 500.
            return refuse(request, context, null, "tokens refused: " + brief(e));
        }
        if (status != AuthenticationStatus.SUCCESS) {
            // A wrong or missing state or code, or an error from the provider: the platform answers nothing itself.
            return refuse(request, context, null, "callback refused (" + status + ")");
        }
        // Never let the platform's login stand on its own: the container must not keep it in the session.
        context.getMessageInfo().getMap().remove(REGISTER_SESSION);
        String name = context.getCallerPrincipal() == null ? null : context.getCallerPrincipal().getName();
        Optional<Caller> caller;
        try {
            OpenIdContext tokens = openId.get();
            caller = name == null ? Optional.empty() : settings.caller(name, claim -> claimValues(tokens, claim));
        } catch (RuntimeException e) {
            return refuse(request, context, name, "claims unreadable: " + brief(e));
        }
        if (caller.isEmpty()) {
            return refuse(request, context, name, "no role mapped from the claim " + settings.roleClaim());
        }
        // A new session: the one the platform kept its tokens in goes, and with it any id planted before.
        FieldcastAuthentication.startSession(request, caller.get());
        audit.record(caller.get(), "login", null, null, null, request.getRemoteAddr());
        LOG.info(() -> "single sign-on: " + caller.get());
        return context.redirect(request.getContextPath() + next.orElse("/"));
    }

    /** A claim's values from the ID token, else from the provider's userinfo. */
    private static List<String> claimValues(OpenIdContext tokens, String claim) {
        List<String> values = tokens.getIdentityToken().getJwtClaims().getArrayStringClaim(claim);
        return values.isEmpty() ? tokens.getClaims().getArrayStringClaim(claim) : values;
    }

    private AuthenticationStatus refuse(HttpServletRequest request, HttpMessageContext context, String name, String why) {
        LOG.info(() -> "single sign-on refused" + (name == null ? "" : " for " + name) + ": " + why);
        audit.record(name == null ? "unknown" : name, Caller.Kind.SSO.id(), "login-failed", null, null, why,
                request.getRemoteAddr());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate(); // with whatever the platform kept in it
        }
        context.cleanClientSubject();
        return answer(context.getResponse(), 401, name == null
                ? "single sign-on failed: the provider's answer did not check out; please log in again"
                : "single sign-on refused: your directory account has no Fieldcast role");
    }

    /**
     * Our own answer in the one error shape. SEND_CONTINUE: the answer is complete, so the container
     * neither runs the resource nor replaces the answer with its own error page.
     */
    private static AuthenticationStatus answer(HttpServletResponse response, int status, String message) {
        try {
            ApiError.send(response, status, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** A path of this site to go to, or empty for anything else (another host, a scheme, a backslash, the flow itself). */
    static Optional<String> localPath(String next) {
        if (next == null || next.length() > 1000 || !LOCAL_PATH.matcher(next).matches()
                || next.startsWith("/api/session/sso")) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    private static void rememberNext(HttpServletResponse response, Optional<String> next) {
        // Lax, unlike the session: it must come back on the provider's cross-site redirect.
        response.addHeader("Set-Cookie", NEXT_COOKIE + "=" + next.map(n -> URLEncoder.encode(n, StandardCharsets.UTF_8)).orElse("")
                + "; Path=/; Max-Age=" + (next.isPresent() ? 600 : 0) + "; Secure; HttpOnly; SameSite=Lax");
    }

    private static Optional<String> takeNext(HttpServletRequest request, HttpServletResponse response) {
        String value = FieldcastAuthentication.cookie(request, NEXT_COOKIE);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        rememberNext(response, Optional.empty());
        try {
            return localPath(URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
            return Optional.empty();
        }
    }

    private static String brief(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
