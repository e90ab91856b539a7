package io.jnetlink.rtnl.nexthop;

/**
 * One member of a nexthop group ({@code struct nexthop_grp}): {@code ip nexthop add ... group ID,WEIGHT/...}.
 *
 * @param id     the member nexthop's id, which must exist
 * @param weight its share of the flows, 1..256 (1 unless given)
 */
public record GroupMember(long id, int weight) {
    /** Checks the id and weight. */
    public GroupMember {
        if (id < 1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nexthop id must be 1..4294967295, got " + id);
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("nexthop group weight " + weight + " is out of range 1..256");
        }
    }

    @Override
    public String toString() {
        return weight == 1 ? Long.toString(id) : id + "," + weight;
    }
}
