package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.el.ELProcessor;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsoExtensionTest {

    /** What the platform does with a value (Soteria's AnnotationELPProcessor.evalImmediate). */
    private static String readBack(String value) {
        if (value.startsWith("${") && value.endsWith("}")) {
            return (String) new ELProcessor().eval(value.substring(2, value.length() - 1));
        }
        return value;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-secret", "${not-an-expression}", "${'quoted\\'}", "#{deferred}", "${}", "$ {x}", "a${b}c"})
    void aValueThatLooksLikeAnExpressionComesBackAsItself(String secret) {
        assertEquals(secret, readBack(SsoExtension.literal(secret)));
    }

    @Test
    void theDefinitionCarriesTheSettingsAndKeepsTheSessionCookieOutOfTheFlow() {
        Map<String, String> config = Map.of(
                "fieldcast.sso.provider-uri", "http://127.0.0.1:9/issuer",
                "fieldcast.sso.client-id", "fieldcast",
                "fieldcast.sso.client-secret", "${secret}");
        OpenIdAuthenticationMechanismDefinition definition =
                SsoExtension.definition(new SsoSettings(key -> Optional.ofNullable(config.get(key))));
        assertEquals("http://127.0.0.1:9/issuer", definition.providerURI());
        assertEquals("${secret}", readBack(definition.clientSecret()));
        assertEquals("${baseURL}/api/session/sso/callback", definition.redirectURI());
        assertFalse(definition.useSession());
        assertFalse(definition.redirectToOriginalResource());
        assertEquals("preferred_username", definition.claimsDefinition().callerNameClaim());
        assertFalse(definition.toString().contains("secret"), "no secret in a log line");
        assertEquals(true, definition.useNonce());
    }
}
