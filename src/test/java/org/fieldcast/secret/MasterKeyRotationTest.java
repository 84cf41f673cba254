package org.fieldcast.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.Site;
import org.fieldcast.station.StationDatabase;

/** Rotation as an operator does it: a new key in front of the key file, site keys wrapped again, the old key removed. */
class MasterKeyRotationTest {

    @TempDir
    Path dir;

    private StationDatabase database;
    private Path keyFile;
    private MasterKeys keys;
    private SiteKeys siteKeys;
    private CameraCredentials credentials;
    private int writes;

    @BeforeEach
    void open() throws IOException {
        database = StationDatabase.open("jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.inTransaction(em -> {
            em.persist(new Site("north", "North"));
            em.persist(new Site("south", "South"));
            return null;
        });
        keyFile = dir.resolve("master.keys");
    }

    /** Fieldcast started with a key file holding these keys. */
    private void start(MasterKey... newestFirst) throws IOException {
        writeKeys(newestFirst);
        keys = MasterKeys.of(Optional.empty(), Optional.of(keyFile.toString()), null);
        // A zero cache time: every use below unwraps again, as it would after the cache expired.
        siteKeys = new SiteKeys(database, keys, Duration.ZERO, Clock.systemUTC());
        credentials = new CameraCredentials(siteKeys, keys, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void writeKeys(MasterKey... newestFirst) throws IOException {
        StringBuilder text = new StringBuilder("# newest first\n");
        for (MasterKey key : newestFirst) {
            text.append(key.encoded()).append("   # ").append(key.id()).append('\n');
        }
        Files.writeString(keyFile, text);
        // A later modification time, whatever the file system's clock granularity.
        Files.setLastModifiedTime(keyFile, FileTime.from(Instant.now().plusSeconds(++writes)));
    }

    private static CameraConfig camera(String siteId, String sealed) {
        return new CameraConfig("cam-" + siteId, "Camera", siteId, siteId, CameraType.FIXED, null, "127.0.0.1", 554, 80, 0,
                null, "/", AuthMode.DIGEST, "user", null, true, false, sealed, List.of());
    }

    @Test
    void aNewKeyInFrontWrapsEverySiteKeyAgainWhileTheOldOneKeepsWorking() throws IOException {
        MasterKey old = MasterKey.generate();
        start(old);
        String north = credentials.encrypt("north", "north-secret");
        String south = credentials.encrypt("south", "south-secret");
        assertEquals(Map.of(old.id(), 2), siteKeys.status().siteKeysByMasterKey());

        MasterKey next = MasterKey.generate();
        writeKeys(next, old);
        assertEquals("north-secret", credentials.of(camera("north", north)).password(), "before the rewrap: the old key unwraps");

        assertEquals(2, siteKeys.rewrap());
        assertEquals(new SiteKeys.Status(next.id(), Map.of(next.id(), 2), List.of()), siteKeys.status());
        assertEquals(0, siteKeys.rewrap(), "nothing left to do");

        writeKeys(next);
        assertEquals("north-secret", credentials.of(camera("north", north)).password());
        assertEquals("south-secret", credentials.of(camera("south", south)).password(),
                "camera ciphertexts never change: only the site keys were wrapped again");

        writeKeys(old);
        SecretException e = assertThrows(SecretException.class, () -> credentials.of(camera("north", north)));
        assertTrue(e.getMessage().contains("wrapped by master key '" + next.id() + "', which is not configured"), e.getMessage());
    }

    @Test
    void aKeyFileThatBecomesUnreadableKeepsTheKeysReadBefore() throws IOException {
        MasterKey key = MasterKey.generate();
        start(key);
        assertEquals(List.of(key.id()), keys.ring().ids());

        Files.writeString(keyFile, "not-a-key\n");
        Files.setLastModifiedTime(keyFile, FileTime.from(Instant.now().plusSeconds(++writes)));
        assertEquals(List.of(key.id()), keys.ring().ids());
    }

    @Test
    void keyIdsComeFromTheKeysAndTheRingParsesCommentsAndSeparators() {
        MasterKey a = MasterKey.generate();
        MasterKey b = MasterKey.generate();
        MasterKeyRing ring = MasterKeyRing.parse("# comment\n" + a.encoded() + " # a\n\n" + b.encoded() + "," + a.encoded(), "test");

        assertEquals(List.of(a.id(), b.id()), ring.ids());
        assertEquals(a.id(), MasterKey.parse(a.encoded()).id());
        assertEquals(16, a.id().length());
        SecretException bad = assertThrows(SecretException.class, () -> MasterKeyRing.parse(a.encoded() + "\nc2hvcnQ=", "key file"));
        assertEquals("key file line 2: a master key must be 32 bytes in base64 (44 characters), this one has 5 bytes",
                bad.getMessage());
    }
}
