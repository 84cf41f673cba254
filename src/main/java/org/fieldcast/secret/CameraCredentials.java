package org.fieldcast.secret;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.StationProblem;
import org.fieldcast.station.StationsChanged;
/**
 * Camera passwords: encrypted with the site's data key (AES-256-GCM, bound to the site), decrypted
 * when a pull or a request needs them and kept decrypted in memory for a short time only. Every
 * station change checks that each camera's password decrypts, and reports those that do not as
 * problems of their camera, so the others keep running.
 */
@ApplicationScoped
public class CameraCredentials {

    /** The problems this class reports are filed under this source. */
    public static final String PROBLEM_SOURCE = "secrets";

    private static final String PREFIX = "fc1:";

    @Inject
    SiteKeys siteKeys;

    @Inject
    MasterKeys masterKeys;

    @Inject
    StationDirectory directory;

    private ExpiringCache<Sealed, String> decrypted;

    private record Sealed(String siteId, String ciphertext) {
        @Override
        public String toString() {
            return "Sealed[" + siteId + "]";
        }
    }

    protected CameraCredentials() {
        // for CDI
    }

    /** Credentials outside the container (tests, the command line). */
    public CameraCredentials(SiteKeys siteKeys, MasterKeys masterKeys, Clock clock) {
        this.siteKeys = siteKeys;
        this.masterKeys = masterKeys;
        this.decrypted = new ExpiringCache<>(siteKeys.cacheTime(), clock);
    }

    @PostConstruct
    void init() {
        // fieldcast.secret.cache-time, declared by the site keys: a decrypted password lives as long as a site key.
        decrypted = new ExpiringCache<>(siteKeys.cacheTime(), Clock.systemUTC());
    }

    /** The camera's credentials, decrypted; fails with a reason naming the camera, never the secret. */
    public Credentials of(CameraConfig camera) {
        if (camera.authMode() == AuthMode.NONE) {
            return Credentials.NONE;
        }
        String password = camera.encryptedPassword() == null ? camera.password() : decrypt(camera);
        return new Credentials(camera.authMode(), camera.username(), password == null ? "" : password);
    }

    /** Encrypts a password for a site's cameras, creating the site's key if it has none yet. */
    public String encrypt(String siteId, String password) {
        byte[] key = siteKeys.createIfMissing(siteId);
        try {
            return seal(key, siteId, password);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private String decrypt(CameraConfig camera) {
        try {
            return decrypted.get(new Sealed(camera.siteId(), camera.encryptedPassword()), sealed -> {
                byte[] key = siteKeys.dataKey(sealed.siteId());
                try {
                    return open(key, sealed.siteId(), sealed.ciphertext());
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            });
        } catch (SecretException e) {
            // No cause: callers report the root cause's message, and this one names the camera.
            throw new SecretException("password of camera '" + camera.id() + "': " + e.getMessage());
        }
    }

    static String seal(byte[] siteKey, String siteId, String password) {
        byte[] sealed = AesGcm.seal(siteKey, password.getBytes(StandardCharsets.UTF_8), associated(siteId));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    static String open(byte[] siteKey, String siteId, String ciphertext) {
        if (!ciphertext.startsWith(PREFIX)) {
            throw new SecretException("the encrypted password is not in the form " + PREFIX + "<base64>");
        }
        try {
            byte[] plain = AesGcm.open(siteKey, Base64.getDecoder().decode(ciphertext.substring(PREFIX.length())),
                    associated(siteId));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SecretException("the encrypted password is damaged: not base64, or too short");
        } catch (AesGcm.TagMismatch e) {
            throw new SecretException("the encrypted password does not decrypt with the key of site '" + siteId
                    + "': it was encrypted for another site or key, or altered");
        }
    }

    private static byte[] associated(String siteId) {
        return ("fieldcast camera password v1\0" + siteId).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks every camera's password after each change; a site key or the master key may have changed too. */
    void check(@Observes StationsChanged change) {
        directory.reportProblems(PROBLEM_SOURCE, problems(directory.cameras()));
    }

    List<StationProblem> problems(List<CameraConfig> cameras) {
        boolean keyed = !masterKeys.ring().isEmpty();
        List<StationProblem> found = new ArrayList<>();
        for (CameraConfig camera : cameras) {
            String subject = "site '" + camera.siteId() + "' camera '" + camera.id() + "'";
            if (camera.encryptedPassword() != null && camera.authMode() != AuthMode.NONE) {
                try {
                    of(camera);
                } catch (SecretException e) {
                    found.add(new StationProblem(PROBLEM_SOURCE, subject, e.getMessage()));
                }
            } else if (keyed && camera.password() != null && !camera.password().isEmpty()) {
                found.add(new StationProblem(PROBLEM_SOURCE, subject,
                        "password is stored in plain text; store it in password_encrypted instead (see docs/schema.md)"));
            }
        }
        return found;
    }
}
