package org.fieldcast.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * An embed grant as the admin sees it: the row lists it and records its revocation. The grant
 * itself travels signed ({@link GrantSeal}); the signed token is never stored, so this table
 * cannot hand one out.
 */
@Entity
@Table(name = "embed_grant")
public class EmbedGrant {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "cameras", nullable = false, length = 2000)
    private String cameras;

    @Column(name = "origins", nullable = false, length = 2000)
    private String origins;

    @Column(name = "view_only", nullable = false)
    private boolean viewOnly;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected EmbedGrant() {
        // for JPA
    }

    EmbedGrant(GrantClaims claims, String createdBy, Instant now) {
        this.id = claims.id();
        this.cameras = SiteList.format(claims.cameras());
        this.origins = String.join(" ", claims.origins());
        this.viewOnly = claims.viewOnly();
        this.expiresAt = claims.expiresAt().atOffset(ZoneOffset.UTC);
        this.createdBy = createdBy;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    /** Revokes it; a second revocation keeps the first one's time. */
    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now.atOffset(ZoneOffset.UTC);
        }
    }

    public String id() {
        return id;
    }

    public Set<String> cameras() {
        return SiteList.parse(cameras);
    }

    public List<String> origins() {
        return origins.isBlank() ? List.of() : List.of(origins.strip().split(" "));
    }

    public boolean viewOnly() {
        return viewOnly;
    }

    public Instant expiresAt() {
        return expiresAt.toInstant();
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Instant revokedAt() {
        return revokedAt == null ? null : revokedAt.toInstant();
    }
}
