package org.fieldcast.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fieldcast.secret.OwnerOnlyFiles;

/**
 * Signs embed grants with HMAC-SHA256 and checks them: {@code base64url(claims).base64url(mac)}.
 * The key lives in a file of its own, not in the database whose rows list the grants, so whoever can
 * write those rows still cannot make a grant.
 */
final class GrantSeal {
    private static final String ALGORITHM = "HmacSHA256";
    /** 256 bits, the size of the hash (RFC 2104: a longer key adds nothing, a shorter one weakens it). */
    static final int KEY_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    /** Far more than a grant of the most cameras and origins allowed; a longer cookie is refused unread. */
    static final int MAX_TOKEN = 3000;

    private final SecretKeySpec key;

    GrantSeal(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("an embed key has at least " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The key in this file, made (owner-only) at the first start. */
    static GrantSeal fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    OwnerOnlyFiles.write(file, Secrets.random(KEY_BYTES) + "\n");
                } catch (FileAlreadyExistsException anotherNodeWasFirst) {
                    // read below
                }
            }
            return new GrantSeal(UNB64.decode(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the embed key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the embed key " + file + " is not " + KEY_BYTES + " bytes of base64url", e);
        }
    }

    String seal(GrantClaims claims) {
        String payload = B64.encodeToString(claims.encode());
        return payload + "." + B64.encodeToString(mac("grant", payload));
    }

    /** The claims of a token this key signed; empty for anything else. Says nothing about expiry or revocation. */
    Optional<GrantClaims> open(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] given = UNB64.decode(token.substring(dot + 1));
            // Constant time: the comparison must not tell how many bytes of a forged MAC were right.
            if (!MessageDigest.isEqual(mac("grant", payload), given)) {
                return Optional.empty();
            }
            return GrantClaims.decode(UNB64.decode(payload));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * The CSRF token of requests that carry this grant's cookie: derived, not stored, so every node
     * knows it; a page of another site cannot read it (the cookie is HttpOnly, the answer same-origin).
     */
    String csrfToken(String token) {
        return B64.encodeToString(mac("csrf", token));
    }

    /** Domain-separated, so a CSRF token is never a valid grant signature or the reverse. */
    private byte[] mac(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((purpose + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
