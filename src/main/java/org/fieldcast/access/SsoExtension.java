package org.fieldcast.access;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns the platform's OpenID Connect mechanism on only when single sign-on is configured: it puts an
 * {@code @OpenIdAuthenticationMechanismDefinition}, its values read from MicroProfile Config at
 * deployment, on {@link SsoSettings}. Jakarta Security (Soteria in Payara) sees it as if it were written
 * there and adds its OpenID mechanism and identity store; without the settings it sees none and adds nothing.
 * <p>
 * Not the annotation in the source with {@code ${...}} values: it would always be active, and fail on the
 * first request when unconfigured instead of being absent. Not a producer of the definition of our own:
 * Soteria's beans, in their own archive, do not see an alternative of this WAR.
 */
public class SsoExtension implements Extension {
    private static final Logger LOG = Logger.getLogger(SsoExtension.class.getName());

    void defineOpenId(@Observes ProcessAnnotatedType<SsoSettings> type) {
        SsoSettings settings = new SsoSettings();
        if (!settings.enabled()) {
            LOG.info("Single sign-on is off (no fieldcast.sso.provider-uri)");
            return;
        }
        type.configureAnnotatedType().add(definition(settings));
        LOG.info(() -> "Single sign-on with " + settings.providerUri().orElseThrow());
    }

    static OpenIdAuthenticationMechanismDefinition definition(SsoSettings settings) {
        ClaimsDefinition claims = annotation(ClaimsDefinition.class, Map.of(
                "callerNameClaim", literal(settings.nameClaim()),
                // Roles are ours to map (SsoSettings.caller): the platform's groups are not used.
                "callerGroupsClaim", "fieldcast.unused"));
        return annotation(OpenIdAuthenticationMechanismDefinition.class, Map.of(
                "providerURI", literal(settings.providerUri().orElseThrow()),
                "clientId", literal(settings.clientId().orElseThrow()),
                "clientSecret", literal(settings.clientSecret().orElseThrow()),
                "redirectURI", settings.redirectUri(),
                "scope", settings.scopes(),
                "claimsDefinition", claims,
                // State, nonce and the start address in cookies of the platform's own (no SameSite: a
                // browser sends them on the provider's top-level redirect back), not in the HTTP session,
                // whose SameSite=Strict cookie that cross-site redirect does not carry.
                "useSession", false,
                // The callback ends at our redirect to the dashboard, not at a replayed request.
                "redirectToOriginalResource", false));
    }

    /**
     * The value as the platform reads it back. It evaluates a whole value of the form {@code ${...}} as an
     * expression (and keeps {@code #{...}} for later evaluation): a secret that looks like one is handed
     * over as an expression that yields exactly it, a quoted string literal.
     */
    static String literal(String value) {
        boolean lookslikeExpression = (value.startsWith("${") || value.startsWith("#{")) && value.endsWith("}");
        if (!lookslikeExpression) {
            return value;
        }
        return "${'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'}";
    }

    /** An annotation instance: the given members, every other member its declared default. */
    static <A> A annotation(Class<A> type, Map<String, Object> values) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "annotationType" -> type;
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            // Never the values: the client secret is one of them.
            case "toString" -> "@" + type.getName();
            default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
