package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SsoSettingsTest {
    private final Map<String, String> config = new HashMap<>(Map.of(
            "fieldcast.sso.provider-uri", "https://login.example.org/realm",
            "fieldcast.sso.client-id", "fieldcast",
            "fieldcast.sso.client-secret", "s3cret",
            "fieldcast.sso.role-claim", "groups",
            "fieldcast.sso.roles.staff", "viewer",
            "fieldcast.sso.roles.cam-ops", "operator",
            "fieldcast.sso.roles.it", "ADMIN",
            "fieldcast.sso.roles.typo", "superuser"));
    private final SsoSettings settings = new SsoSettings(key -> Optional.ofNullable(config.get(key)));

    private Optional<Caller> caller(Map<String, List<String>> claims) {
        return settings.caller("jdoe", claim -> claims.getOrDefault(claim, List.of()));
    }

    @Test
    void theHighestMappedRoleWins() {
        Caller caller = caller(Map.of("groups", List.of("cam-ops", "staff"), "sites", List.of("north"))).orElseThrow();
        assertEquals(Role.OPERATOR, caller.role());
        assertEquals(Caller.Kind.SSO, caller.kind());
        assertEquals("jdoe", caller.getName());
        assertEquals(Role.ADMIN, caller(Map.of("groups", List.of("staff", "it"))).orElseThrow().role());
    }

    @Test
    void unknownRoleValuesAreIgnored() {
        assertEquals(Role.VIEWER, caller(Map.of("groups", List.of("visitors", "staff", "typo"), "sites", List.of("north"))).orElseThrow().role());
    }

    @Test
    void noMappedRoleIsNoCaller() {
        assertTrue(caller(Map.of("groups", List.of("visitors", "typo"))).isEmpty());
        assertTrue(caller(Map.of()).isEmpty());
    }

    @Test
    void sitesComeFromAListOrACommaString() {
        assertEquals(Set.of("north", "south"),
                caller(Map.of("groups", List.of("staff"), "sites", List.of("north", "south"))).orElseThrow().sites());
        assertEquals(Set.of("north", "south"),
                caller(Map.of("groups", List.of("staff"), "sites", List.of("north, south,"))).orElseThrow().sites());
    }

    @Test
    void aViewerOrOperatorWithoutSitesIsRefusedAnAdminSeesEverySite() {
        assertTrue(caller(Map.of("groups", List.of("staff"))).isEmpty(), "a misspelt sites claim must not open every site");
        assertTrue(caller(Map.of("groups", List.of("cam-ops"), "sites", List.of(" , "))).isEmpty());
        Caller admin = caller(Map.of("groups", List.of("it"))).orElseThrow();
        assertEquals(Set.of(), admin.sites());
        assertTrue(admin.sees("any-site", "any-camera"));
    }

    @Test
    void sitesClaimNoneMeansTheDirectoryDoesNotLimitSites() {
        Map<String, String> unlimited = new java.util.HashMap<>(config);
        unlimited.put("fieldcast.sso.sites-claim", "none");
        SsoSettings everySite = new SsoSettings(key -> Optional.ofNullable(unlimited.get(key)));
        Caller viewer = everySite.caller("jdoe", claim -> Map.of("groups", List.of("staff"), "sites", List.of("north"))
                .getOrDefault(claim, List.of())).orElseThrow();
        assertEquals(Set.of(), viewer.sites());
    }

    @Test
    void defaults() {
        assertEquals("preferred_username", settings.nameClaim());
        assertEquals("sites", settings.sitesClaim());
        assertArrayEquals(new String[] {"openid", "profile", "email"}, settings.scopes());
        assertEquals("${baseURL}/api/session/sso/callback", settings.redirectUri());
    }

    @Test
    void offWithoutAProviderAndRefusedHalfConfigured() {
        assertTrue(settings.enabled());
        config.remove("fieldcast.sso.client-secret");
        assertThrows(IllegalArgumentException.class, settings::enabled);
        config.put("fieldcast.sso.provider-uri", " ");
        assertFalse(settings.enabled());
    }
}
