package org.fieldcast.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.Site;
import org.fieldcast.station.StationDatabase;
import org.fieldcast.station.StationProblem;

class CameraCredentialsTest {

    private static final String PASSWORD = "pa:ss wörd@1";

    private StationDatabase database;
    private MasterKeys masterKeys;
    private CameraCredentials credentials;

    @BeforeEach
    void open() {
        database = StationDatabase.open("jdbc:h2:mem:secrets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.inTransaction(em -> {
            em.persist(new Site("north", "North"));
            em.persist(new Site("south", "South"));
            return null;
        });
        masterKeys = MasterKeys.of(Optional.of(MasterKey.generate().encoded()), Optional.empty(), null);
        credentials = credentialsWith(masterKeys);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private CameraCredentials credentialsWith(MasterKeys keys) {
        return new CameraCredentials(new SiteKeys(database, keys, Duration.ofSeconds(30), Clock.systemUTC()), keys,
                Clock.systemUTC());
    }

    private static CameraConfig camera(String siteId, String encryptedPassword) {
        return new CameraConfig("cam-1", "Camera", siteId, siteId, CameraType.FIXED, null, "127.0.0.1", 554, 80, 0, null,
                "/?inst=1", AuthMode.DIGEST, "user", null, true, false, encryptedPassword, List.of());
    }

    @Test
    void aPasswordEncryptedForASiteDecryptsForItsCameras() {
        String sealed = credentials.encrypt("north", PASSWORD);

        assertTrue(sealed.startsWith("fc1:"), sealed);
        assertFalse(sealed.contains(PASSWORD));
        assertNotEquals(sealed, credentials.encrypt("north", PASSWORD), "a fresh nonce each time");
        Credentials c = credentials.of(camera("north", sealed));
        assertEquals(new Credentials(AuthMode.DIGEST, "user", PASSWORD), c);
        assertFalse(c.toString().contains(PASSWORD), c::toString);
        assertFalse(camera("north", sealed).toString().contains(sealed), "the ciphertext is not printed either");
    }

    @Test
    void aPasswordEncryptedForAnotherSiteGivesAClearError() {
        credentials.encrypt("south", "other");
        String sealedForNorth = credentials.encrypt("north", PASSWORD);

        SecretException e = assertThrows(SecretException.class, () -> credentials.of(camera("south", sealedForNorth)));
        assertEquals("password of camera 'cam-1': the encrypted password does not decrypt with the key of site 'south':"
                + " it was encrypted for another site or key, or altered", e.getMessage());
    }

    @Test
    void aTamperedCiphertextGivesAClearError() {
        byte[] bytes = Base64.getDecoder().decode(credentials.encrypt("north", PASSWORD).substring(4));
        bytes[bytes.length - 20] ^= 1;
        String tampered = "fc1:" + Base64.getEncoder().encodeToString(bytes);

        SecretException e = assertThrows(SecretException.class, () -> credentials.of(camera("north", tampered)));
        assertTrue(e.getMessage().endsWith("does not decrypt with the key of site 'north': it was encrypted for another"
                + " site or key, or altered"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void somethingThatIsNotACiphertextSaysSo() {
        credentials.encrypt("north", PASSWORD);
        assertEquals("password of camera 'cam-1': the encrypted password is not in the form fc1:<base64>",
                assertThrows(SecretException.class, () -> credentials.of(camera("north", PASSWORD))).getMessage());
        assertEquals("password of camera 'cam-1': the encrypted password is damaged: not base64, or too short",
                assertThrows(SecretException.class, () -> credentials.of(camera("north", "fc1:AAAA"))).getMessage());
    }

    @Test
    void aSiteWithoutAKeyAndAServerWithoutAMasterKeySaySo() {
        SecretException noKey = assertThrows(SecretException.class, () -> credentials.of(camera("north", "fc1:AAAA")));
        assertTrue(noKey.getMessage().contains("site 'north' has no key"), noKey.getMessage());

        CameraCredentials keyless = credentialsWith(MasterKeys.of(Optional.empty(), Optional.empty(), null));
        SecretException noMaster = assertThrows(SecretException.class, () -> keyless.encrypt("north", PASSWORD));
        assertTrue(noMaster.getMessage().startsWith("no master key is configured"), noMaster.getMessage());
        assertThrows(SecretException.class, () -> credentials.encrypt("nowhere", PASSWORD), "no such site");
    }

    @Test
    void aWrongMasterKeyGivesAClearError() {
        String sealed = credentials.encrypt("north", PASSWORD);
        MasterKey other = MasterKey.generate();

        SecretException e = assertThrows(SecretException.class, () -> credentialsWith(
                MasterKeys.of(Optional.of(other.encoded()), Optional.empty(), null)).of(camera("north", sealed)));
        assertTrue(e.getMessage().contains("is wrapped by master key '" + masterKeys.ring().current().id()
                + "', which is not configured (configured: [" + other.id() + "])"), e.getMessage());
    }

    @Test
    void camerasWhosePasswordsDoNotDecryptAreProblemsOfTheirOwn() {
        String good = credentials.encrypt("north", PASSWORD);
        CameraConfig fine = camera("north", good);
        CameraConfig bad = new CameraConfig("cam-2", "Camera 2", "north", "North", CameraType.FIXED, null, "127.0.0.1", 554,
                80, 0, null, "/", AuthMode.DIGEST, "user", null, true, false, "fc1:" + "A".repeat(60), List.of());
        CameraConfig plain = new CameraConfig("cam-3", "Camera 3", "north", "North", CameraType.FIXED, null, "127.0.0.1",
                554, 80, 0, null, "/", AuthMode.BASIC, "user", "in-clear", true, false);

        List<StationProblem> problems = credentials.problems(List.of(fine, bad, plain));

        assertEquals(2, problems.size(), problems::toString);
        assertEquals("site 'north' camera 'cam-2'", problems.get(0).subject());
        assertTrue(problems.get(0).message().contains("does not decrypt"), problems.get(0).message());
        assertTrue(problems.get(1).message().startsWith("password is stored in plain text"), problems.get(1).message());
        assertFalse(problems.toString().contains("in-clear"));
    }
}
