package org.fieldcast.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A master key: 32 random bytes that wrap the sites' data keys. It lives in the environment or a key
 * file, never in the database. Its id is derived from the key (a truncated SHA-256 over a fixed
 * label and the key), so a stored site key names the master key it needs without anyone assigning
 * ids, and the same key always has the same id.
 */
public final class MasterKey {

    private static final String ID_LABEL = "fieldcast master key id\0";
    private static final String WRAPPED_PREFIX = "fk1:";

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new SecretException("a master key must be 32 bytes in base64 (44 characters), this one has " + key.length + " bytes");
        }
        this.key = key.clone();
        this.id = idOf(this.key);
    }

    public static MasterKey generate() {
        return new MasterKey(AesGcm.newKey());
    }

    /** A key as written in the environment or a key file: 32 bytes in base64. */
    public static MasterKey parse(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new SecretException("a master key must be 32 bytes in base64 (44 characters); this one is not base64");
        }
    }

    /** 16 hex digits naming this key in {@code site_key.master_key_id}. */
    public String id() {
        return id;
    }

    /** The key as it is written into the environment or a key file. Only the key commands print it. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** A site's data key, encrypted under this master key and bound to the site. */
    String wrap(String siteId, byte[] dataKey) {
        return WRAPPED_PREFIX + Base64.getEncoder().encodeToString(AesGcm.seal(key, dataKey, associated(siteId)));
    }

    byte[] unwrap(String siteId, String wrapped) {
        if (wrapped == null || !wrapped.startsWith(WRAPPED_PREFIX)) {
            throw new SecretException("the key of site '" + siteId + "' is not a wrapped key (expected " + WRAPPED_PREFIX + "...)");
        }
        try {
            byte[] dataKey = AesGcm.open(key, Base64.getDecoder().decode(wrapped.substring(WRAPPED_PREFIX.length())),
                    associated(siteId));
            if (dataKey.length != AesGcm.KEY_BYTES) {
                throw new SecretException("the key of site '" + siteId + "' has " + dataKey.length + " bytes, not 32");
            }
            return dataKey;
        } catch (IllegalArgumentException e) {
            throw new SecretException("the key of site '" + siteId + "' is damaged: not base64 or too short");
        } catch (AesGcm.TagMismatch e) {
            throw new SecretException("the key of site '" + siteId + "' does not unwrap with master key '" + id
                    + "': it was wrapped for another site or altered");
        }
    }

    private static byte[] associated(String siteId) {
        return ("fieldcast site key v1\0" + siteId).getBytes(StandardCharsets.UTF_8);
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ID_LABEL.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(key), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
