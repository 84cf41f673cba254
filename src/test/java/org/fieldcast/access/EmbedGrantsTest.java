package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fieldcast.testing.SettableClock;

/** Signing and checking embed grants, with a clock and a revocation list of the test's own. */
class EmbedGrantsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final GrantSeal seal = new GrantSeal(key(1));
    private final Set<String> revokedInDatabase = new HashSet<>();
    private boolean databaseAway;
    private final RevokedGrants revoked = new RevokedGrants(() -> {
        if (databaseAway) {
            throw new IllegalStateException("connection refused");
        }
        return Set.copyOf(revokedInDatabase);
    });
    private final EmbedGrants grants = new EmbedGrants(seal, revoked, clock);

    private static byte[] key(int fill) {
        byte[] key = new byte[GrantSeal.KEY_BYTES];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    private GrantClaims claims(boolean viewOnly) {
        return new GrantClaims("g-1", Set.of("demo-fixed-1"), List.of("https://ohvd.example"), clock.instant().plus(Duration.ofHours(12)), viewOnly);
    }

    @Test
    void aSignedGrantIsAViewerOfItsCamerasOnly() {
        Caller caller = grants.verify(seal.seal(claims(true))).orElseThrow();
        assertEquals(Caller.Kind.EMBED, caller.kind());
        assertEquals(Role.VIEWER, caller.role());
        assertEquals("embed:g-1", caller.getName());
        assertEquals("g-1", caller.credentialId());
        assertTrue(caller.sees("site-a", "demo-fixed-1"));
        assertFalse(caller.sees("site-a", "demo-ptz-1"), "a camera outside the grant");
        assertFalse(caller.may(Role.OPERATOR));
    }

    @Test
    void aGrantThatMaySteerIsAnOperator() {
        assertEquals(Role.OPERATOR, grants.verify(seal.seal(claims(false))).orElseThrow().role());
    }

    @Test
    void theClaimsSurviveTheTrip() {
        GrantClaims claims = new GrantClaims("g-2", Set.of("b", "a"), List.of("https://x.example", "http://localhost:8080"),
                Instant.parse("2027-01-01T00:00:00Z"), false);
        assertEquals(Optional.of(claims), seal.open(seal.seal(claims)));
    }

    @Test
    void aTamperedGrantIsRefused() {
        String token = seal.seal(claims(true));
        String payload = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.') + 1);
        // Another camera in the claims, the signature kept.
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                        .replace("demo-fixed-1", "demo-ptz-1").getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), grants.verify(forged + "." + mac));
        // One character of the signature changed.
        String flipped = payload + "." + (mac.charAt(0) == 'A' ? 'B' : 'A') + mac.substring(1);
        assertEquals(Optional.empty(), grants.verify(flipped));
        for (String junk : List.of("", ".", payload, payload + ".", "." + mac, token + "." + mac, "not base64!." + mac,
                "x".repeat(GrantSeal.MAX_TOKEN + 1))) {
            assertEquals(Optional.empty(), grants.verify(junk), junk);
        }
        assertEquals(Optional.empty(), grants.verify(null));
    }

    @Test
    void aGrantSignedWithAnotherKeyIsRefused() {
        String other = new GrantSeal(key(2)).seal(claims(true));
        assertEquals(Optional.empty(), grants.verify(other));
    }

    @Test
    void aGrantEndsAtItsExpiry() {
        String token = seal.seal(claims(true));
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertTrue(grants.verify(token).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), grants.verify(token));
    }

    @Test
    void aRevokedGrantEndsAtTheNextRefreshAndStaysEndedWhileTheDatabaseIsAway() {
        String token = seal.seal(claims(true));
        String other = seal.seal(new GrantClaims("g-other", Set.of("demo-fixed-1"), List.of("https://ohvd.example"),
                clock.instant().plusSeconds(60), true));
        revokedInDatabase.add("g-1");
        assertTrue(grants.verify(token).isPresent(), "not read yet");
        revoked.refresh();
        assertEquals(Optional.empty(), grants.verify(token));
        databaseAway = true;
        revoked.refresh();
        assertEquals(Optional.empty(), grants.verify(token), "the last known revocations stay");
        assertTrue(grants.verify(other).isPresent(), "a database that is away does not stop the valid grants");
    }

    @Test
    void aRevocationHereCountsAtOnce() {
        String token = seal.seal(claims(true));
        revoked.add("g-1");
        assertEquals(Optional.empty(), grants.verify(token));
    }

    @Test
    void theCsrfTokenBelongsToTheGrantAndIsNotItsSignature() {
        String token = seal.seal(claims(true));
        String csrf = grants.csrfToken(token);
        assertEquals(csrf, grants.csrfToken(token));
        assertNotEquals(csrf, grants.csrfToken(seal.seal(claims(false))));
        assertNotEquals(csrf, token.substring(token.indexOf('.') + 1));
        assertNotEquals(csrf, new EmbedGrants(new GrantSeal(key(2)), revoked, clock).csrfToken(token));
    }

    @Test
    void theKeyFileIsMadeOnceReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("embed-key");
        String token = GrantSeal.fromKeyFile(file).seal(claims(true));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(GrantSeal.fromKeyFile(file).open(token).isPresent(), "the next start reads the same key");
        Files.writeString(dir.resolve("short"), "c2hvcnQ\n");
        assertThrows(IllegalArgumentException.class, () -> GrantSeal.fromKeyFile(dir.resolve("short")));
    }

    @Test
    void claimsWithTheFormatsSeparatorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GrantClaims("g", Set.of("a,b"), List.of(), clock.instant(), true));
        assertThrows(IllegalArgumentException.class, () -> new GrantClaims("g", Set.of("a"), List.of("https://x y"), clock.instant(), true));
        assertThrows(IllegalArgumentException.class, () -> new GrantClaims("g", Set.of(), List.of(), clock.instant(), true));
    }
}
