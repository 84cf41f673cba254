package org.fieldcast.station;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One NAT hop between Fieldcast and a site's cameras, typically a cellular router.
 * Its parent is the next hop outwards; the outermost hop has none. Its port mappings translate an
 * address on its inside network to a port on its public host.
 */
@Entity
@Table(name = "gateway")
public class Gateway {

    private static final Comparator<PortForward> FORWARD_ORDER = Comparator.comparingInt(PortForward::outerPort);

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "site_id", nullable = false)
    private Site site;

    @Column(name = "name", nullable = false)
    private String name;

    /**
     * The address this hop is reached at: by Fieldcast when it has no parent, else by its parent's
     * port mappings (its address on the parent's inside network).
     */
    @Column(name = "public_host")
    private String publicHost;

    @ManyToOne
    @JoinColumn(name = "parent_id")
    private Gateway parent;

    // Eager: a gateway is always read to build routes, and the directory reads all of them at once.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "port_mapping", joinColumns = @JoinColumn(name = "gateway_id"))
    private List<PortMapping> mappings = new ArrayList<>();

    protected Gateway() {
        // for JPA
    }

    public Gateway(String id, Site site, String name, String publicHost, Gateway parent) {
        this.id = id;
        this.site = site;
        this.name = name;
        this.publicHost = publicHost;
        this.parent = parent;
    }

    public String id() {
        return id;
    }

    public Site site() {
        return site;
    }

    public String name() {
        return name;
    }

    public String publicHost() {
        return publicHost;
    }

    public Gateway parent() {
        return parent;
    }

    /** The port mappings, ordered by outer port. */
    public List<PortForward> forwards() {
        return mappings.stream().map(PortMapping::toForward).sorted(FORWARD_ORDER).toList();
    }

    /**
     * The hops from this gateway outwards to the one Fieldcast dials first.
     * Rows are written by other systems, so a parent loop is cut rather than followed forever
     * ({@link #chainProblem()} reports it).
     */
    public List<Gateway> hopsOutwards() {
        Set<String> seen = new LinkedHashSet<>();
        List<Gateway> hops = new ArrayList<>();
        for (Gateway hop = this; hop != null && seen.add(hop.id); hop = hop.parent) {
            hops.add(hop);
        }
        return hops;
    }

    /** What makes the way out through this gateway unusable, or null: a parent loop, a hop without an address. */
    String chainProblem() {
        Set<String> seen = new HashSet<>();
        List<String> path = new ArrayList<>();
        for (Gateway hop = this; hop != null; hop = hop.parent) {
            path.add("'" + hop.id + "'");
            if (!seen.add(hop.id)) {
                return "gateways " + String.join(" -> ", path) + " form a loop";
            }
            if (hop.publicHost == null || hop.publicHost.isBlank()) {
                return "gateway '" + hop.id + "' has no public_host";
            }
        }
        return null;
    }

    /** This hop as a camera's route sees it, keeping only the mappings in {@code used}. */
    GatewayHop toHop(Set<PortForward> used) {
        return new GatewayHop(id, publicHost, forwards().stream().filter(used::contains).toList());
    }

    /** Takes a station file's view of this gateway; true when anything differed. */
    boolean update(Site newSite, String newName, String newPublicHost, Gateway newParent, List<PortForward> newForwards) {
        boolean same = site.id().equals(newSite.id()) && name.equals(newName) && Objects.equals(publicHost, newPublicHost)
                && Objects.equals(parentId(), newParent == null ? null : newParent.id)
                && forwards().equals(newForwards.stream().sorted(FORWARD_ORDER).toList());
        if (same) {
            return false;
        }
        site = newSite;
        name = newName;
        publicHost = newPublicHost;
        parent = newParent;
        replaceForwards(newForwards);
        return true;
    }

    void replaceForwards(List<PortForward> newForwards) {
        mappings.clear();
        newForwards.stream().map(PortMapping::new).forEach(mappings::add);
    }

    String parentId() {
        return parent == null ? null : parent.id;
    }

    @Override
    public String toString() {
        return "Gateway[id=" + id + ", publicHost=" + publicHost + ", parent=" + parentId() + ", mappings="
                + forwards().stream().map(f -> f.protocol().label() + " " + f.outerPort()).collect(Collectors.joining(",")) + "]";
    }
}
