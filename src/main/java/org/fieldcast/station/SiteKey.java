package org.fieldcast.station;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A site's data key as stored: wrapped by a master key, never in the clear. The master key lives
 * outside the database; {@code org.fieldcast.secret} wraps and unwraps.
 */
@Entity
@Table(name = "site_key")
public class SiteKey {

    @Id
    @Column(name = "site_id", length = 64)
    private String siteId;

    /** Which master key wrapped it, so that a key ring with several keys picks the right one. */
    @Column(name = "master_key_id", nullable = false)
    private String masterKeyId;

    @Column(name = "wrapped_key", nullable = false)
    private String wrappedKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected SiteKey() {
        // for JPA
    }

    public SiteKey(String siteId, String masterKeyId, String wrappedKey) {
        this.siteId = Objects.requireNonNull(siteId, "siteId");
        this.masterKeyId = Objects.requireNonNull(masterKeyId, "masterKeyId");
        this.wrappedKey = Objects.requireNonNull(wrappedKey, "wrappedKey");
    }

    public String siteId() {
        return siteId;
    }

    public String masterKeyId() {
        return masterKeyId;
    }

    public String wrappedKey() {
        return wrappedKey;
    }

    /** The same data key, wrapped again by another master key (master-key rotation). */
    public void rewrap(String newMasterKeyId, String newWrappedKey) {
        masterKeyId = Objects.requireNonNull(newMasterKeyId, "newMasterKeyId");
        wrappedKey = Objects.requireNonNull(newWrappedKey, "newWrappedKey");
    }

    @PrePersist
    void stampCreated() {
        createdAt = Site.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdated() {
        updatedAt = Site.now();
    }

    @Override
    public String toString() {
        return "SiteKey[site=" + siteId + ", masterKey=" + masterKeyId + "]";
    }
}
