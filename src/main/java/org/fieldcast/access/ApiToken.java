package org.fieldcast.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;

/** A machine client's API token. Only the SHA-256 of its secret is kept; the secret is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64, unique = true, updatable = false)
    private String secretHash;

    @Column(name = "role", nullable = false, length = 16, updatable = false)
    private String role;

    @Column(name = "sites", length = 2000, updatable = false)
    private String sites;

    @Column(name = "created_by", nullable = false, length = 200, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiToken() {
        // for JPA
    }

    ApiToken(String id, String name, String secretHash, Role role, Set<String> sites, String createdBy, OffsetDateTime createdAt) {
        this.id = id;
        this.name = name;
        this.secretHash = secretHash;
        this.role = role.id();
        this.sites = SiteList.format(sites);
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void revoke(OffsetDateTime at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return Role.parse(role);
    }

    public Set<String> sites() {
        return SiteList.parse(sites);
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime lastUsedAt() {
        return lastUsedAt;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }
}
