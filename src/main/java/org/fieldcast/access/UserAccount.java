package org.fieldcast.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;

/** An operator's account in the station database. The password is kept as a PBKDF2 hash only. */
@Entity
@Table(name = "access_user")
public class UserAccount {

    @Id
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    @Column(name = "role", nullable = false, length = 16)
    private String role;

    @Column(name = "sites", length = 2000)
    private String sites;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Column(name = "password_changed_at")
    private OffsetDateTime passwordChangedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected UserAccount() {
        // for JPA
    }

    UserAccount(String username, String passwordHash, Role role, Set<String> sites) {
        this.username = username;
        this.passwordHash = passwordHash;
        change(role, sites, true);
    }

    @PrePersist
    @PreUpdate
    void stamp() {
        updatedAt = OffsetDateTime.now();
        if (createdAt == null) {
            createdAt = updatedAt;
        }
    }

    void change(Role newRole, Set<String> newSites, boolean isEnabled) {
        this.role = newRole.id();
        this.sites = SiteList.format(newSites);
        this.enabled = isEnabled;
    }

    void password(String hash) {
        this.passwordHash = hash;
        this.passwordChangedAt = OffsetDateTime.now();
    }

    public String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return Role.parse(role);
    }

    public Set<String> sites() {
        return SiteList.parse(sites);
    }

    /** When the password was last set; null for an account made before this was recorded. */
    public OffsetDateTime passwordChangedAt() {
        return passwordChangedAt;
    }

    public boolean enabled() {
        return enabled;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
