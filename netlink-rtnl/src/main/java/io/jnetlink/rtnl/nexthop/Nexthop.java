package io.jnetlink.rtnl.nexthop;

import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A nexthop object to add or replace: the request side of {@code ip nexthop add|replace}. Either
 * a single nexthop (a gateway on a link, a link alone, or a blackhole) or a group of other
 * nexthops (hash-threshold multipath, or resilient). Routes then point at it by id
 * ({@code ip route add PREFIX nhid ID}), and changing the object changes every route that uses it.
 * Built with {@link #builder()} and checked when built.
 *
 * <pre>{@code
 * Nexthop.builder().id(1).via("192.168.15.7").dev("gx0").build();     // ip nexthop add id 1 via 192.168.15.7 dev gx0
 * Nexthop.builder().id(4).blackhole().build();
 * Nexthop.builder().id(10).member(1, 2).member(6).build();             // group 1,2/6
 * Nexthop.builder().id(11).member(1).member(6).resilient(Resilience.of(8, 60, 120)).build();
 * }</pre>
 *
 * @param id         the id, 1..4294967295, or 0 to let the kernel pick one
 * @param family     {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6} for a single nexthop
 *                   (from its gateway; IPv4 unless told), 0 for a group
 * @param gateway    the gateway, or null
 * @param ifindex    the link by index, or 0
 * @param linkName   the link by name, or null
 * @param blackhole  whether packets sent to it are dropped
 * @param onlink     whether the gateway counts as on the link without a matching prefix
 * @param group      the members of a group, empty for a single nexthop
 * @param resilience the buckets and timers of a resilient group, or null (a hash-threshold group
 *                   or a single nexthop)
 */
public record Nexthop(long id, int family, InetAddress gateway, int ifindex, String linkName, boolean blackhole,
                      boolean onlink, List<GroupMember> group, Resilience resilience) {
    /** Checks that the fields make one kind of nexthop. */
    public Nexthop {
        group = List.copyOf(group);
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nexthop id must be 1..4294967295 (or 0: the kernel picks), got " + id);
        }
        if (ifindex < 0) {
            throw new IllegalArgumentException("link index must be positive, got " + ifindex);
        }
        if (linkName != null) {
            Interfaces.validateName(linkName);
            if (ifindex != 0) {
                throw new IllegalArgumentException("give the link by name or by index, not both");
            }
        }
        boolean hasLink = ifindex != 0 || linkName != null;
        if (!group.isEmpty()) {
            if (gateway != null || hasLink || blackhole || onlink) {
                throw new IllegalArgumentException("a nexthop group has members only: no gateway, link, blackhole or onlink");
            }
            if (family != 0) {
                throw new IllegalArgumentException("a nexthop group has no family of its own (its members have)");
            }
            if (group.stream().map(GroupMember::id).distinct().count() != group.size()) {
                throw new IllegalArgumentException("nexthop group " + group + " names a member twice");
            }
        } else {
            if (resilience != null) {
                throw new IllegalArgumentException("only a nexthop group can be resilient");
            }
            if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
                throw new IllegalArgumentException("nexthop family must be AF_INET (2) or AF_INET6 (10), got " + family);
            }
            if (blackhole && (gateway != null || hasLink || onlink)) {
                throw new IllegalArgumentException("a blackhole nexthop has no gateway, link or onlink");
            }
            if (!blackhole && !hasLink) {
                throw new IllegalArgumentException("a nexthop needs a link (dev), a blackhole, or group members");
            }
            if (gateway != null && IpPrefix.familyOf(gateway) != family) {
                throw new IllegalArgumentException("gateway " + IpPrefix.format(gateway) + " is not of the nexthop's family");
            }
            if (onlink && gateway == null) {
                throw new IllegalArgumentException("onlink needs a gateway");
            }
        }
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether this is a group} */
    public boolean isGroup() {
        return !group.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("nexthop");
        if (id != 0) {
            sb.append(" id ").append(id);
        }
        if (isGroup()) {
            sb.append(" group ");
            for (int i = 0; i < group.size(); i++) {
                sb.append(i == 0 ? "" : "/").append(group.get(i));
            }
            if (resilience != null) {
                sb.append(" type resilient buckets ").append(resilience.buckets())
                        .append(" idle_timer ").append(resilience.idleTimer().toMillis() / 1000.0)
                        .append(" unbalanced_timer ").append(resilience.unbalancedTimer().toMillis() / 1000.0);
            }
        }
        if (blackhole) {
            sb.append(" blackhole");
        }
        if (gateway != null) {
            sb.append(" via ").append(IpPrefix.format(gateway));
        }
        if (linkName != null) {
            sb.append(" dev ").append(linkName);
        } else if (ifindex != 0) {
            sb.append(" dev #").append(ifindex);
        }
        if (onlink) {
            sb.append(" onlink");
        }
        return sb.toString();
    }

    /** Builds a {@link Nexthop}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private long id;
        private int family;
        private InetAddress gateway;
        private int ifindex;
        private String linkName;
        private boolean blackhole;
        private boolean onlink;
        private final List<GroupMember> group = new ArrayList<>();
        private Resilience resilience;

        private Builder() {}

        /**
         * The id (0, the default, lets the kernel pick).
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /**
         * An IPv6 nexthop; needed only for a link-only or blackhole one (a gateway says its family).
         *
         * @return this builder
         */
        public Builder ipv6() {
            this.family = IpPrefix.AF_INET6;
            return this;
        }

        /**
         * The gateway.
         *
         * @param gateway the gateway's address
         * @return this builder
         */
        public Builder via(InetAddress gateway) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            return this;
        }

        /**
         * The gateway (address literal).
         *
         * @param gateway the gateway's address literal
         * @return this builder
         */
        public Builder via(String gateway) {
            return via(IpPrefix.parseAddress(gateway));
        }

        /**
         * The link, by name.
         *
         * @param name the link's name
         * @return this builder
         */
        public Builder dev(String name) {
            this.linkName = name;
            this.ifindex = 0;
            return this;
        }

        /**
         * The link, by index.
         *
         * @param ifindex the link's index
         * @return this builder
         */
        public Builder dev(int ifindex) {
            this.ifindex = ifindex;
            this.linkName = null;
            return this;
        }

        /**
         * Drop what is sent here.
         *
         * @return this builder
         */
        public Builder blackhole() {
            this.blackhole = true;
            return this;
        }

        /**
         * Treat the gateway as on the link.
         *
         * @return this builder
         */
        public Builder onlink() {
            this.onlink = true;
            return this;
        }

        /**
         * Adds group member {@code id} with weight 1.
         *
         * @param id the member nexthop's id
         * @return this builder
         */
        public Builder member(long id) {
            return member(id, 1);
        }

        /**
         * Adds group member {@code id} with {@code weight} (1..256).
         *
         * @param id the member nexthop's id
         * @param weight its weight
         * @return this builder
         */
        public Builder member(long id, int weight) {
            group.add(new GroupMember(id, weight));
            return this;
        }

        /**
         * Makes the group resilient.
         *
         * @param resilience the bucket count and timers
         * @return this builder
         */
        public Builder resilient(Resilience resilience) {
            this.resilience = Objects.requireNonNull(resilience, "resilience");
            return this;
        }

        /**
         * {@return the nexthop}
         *
         * @throws IllegalArgumentException if the fields do not make one kind of nexthop
         */
        public Nexthop build() {
            int fam = family;
            if (fam == 0 && group.isEmpty()) {
                fam = gateway != null ? IpPrefix.familyOf(gateway) : IpPrefix.AF_INET;
            }
            return new Nexthop(id, fam, gateway, ifindex, linkName, blackhole, onlink, group, resilience);
        }
    }
}
