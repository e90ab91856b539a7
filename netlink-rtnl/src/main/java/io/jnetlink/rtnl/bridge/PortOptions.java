package io.jnetlink.rtnl.bridge;

/**
 * Options of a bridge port to change: the request side of {@code bridge link set dev PORT ...}.
 * Each option is null when left as it is. Built with {@link #builder()}.
 *
 * <pre>{@code
 * PortOptions.builder().learning(false).flood(false).isolated(true).cost(10).priority(5).build();
 * }</pre>
 *
 * @param hairpin  send frames back out of the port they came in on (IFLA_BRPORT_MODE)
 * @param flood    flood unknown-unicast frames to this port (IFLA_BRPORT_UNICAST_FLOOD)
 * @param learning learn source MAC addresses seen on this port (IFLA_BRPORT_LEARNING)
 * @param cost     the STP path cost, 1..65535 (IFLA_BRPORT_COST)
 * @param priority the STP port priority, 0..63 (IFLA_BRPORT_PRIORITY)
 * @param isolated forward nothing to other isolated ports (IFLA_BRPORT_ISOLATED)
 */
public record PortOptions(Boolean hairpin, Boolean flood, Boolean learning, Integer cost, Integer priority,
                          Boolean isolated) {
    /** Checks the ranges. */
    public PortOptions {
        if (cost != null && (cost < 1 || cost > 65535)) {
            throw new IllegalArgumentException("port cost " + cost + " is out of range 1..65535");
        }
        if (priority != null && (priority < 0 || priority > 63)) {
            throw new IllegalArgumentException("port priority " + priority + " is out of range 0..63");
        }
    }

    /**
     * A new builder with every option left as it is.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether no option is set} */
    public boolean isEmpty() {
        return hairpin == null && flood == null && learning == null && cost == null && priority == null && isolated == null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (cost != null) {
            sb.append(" cost ").append(cost);
        }
        if (priority != null) {
            sb.append(" priority ").append(priority);
        }
        onOff(sb, "hairpin", hairpin);
        onOff(sb, "learning", learning);
        onOff(sb, "flood", flood);
        onOff(sb, "isolated", isolated);
        return sb.toString().strip();
    }

    private static void onOff(StringBuilder sb, String name, Boolean v) {
        if (v != null) {
            sb.append(' ').append(name).append(v ? " on" : " off");
        }
    }

    /** Builds {@link PortOptions}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private Boolean hairpin;
        private Boolean flood;
        private Boolean learning;
        private Integer cost;
        private Integer priority;
        private Boolean isolated;

        private Builder() {}

        /**
         * Hairpin mode on or off.
         *
         * @param on true for on
         * @return this builder
         */
        public Builder hairpin(boolean on) {
            this.hairpin = on;
            return this;
        }

        /**
         * Unknown-unicast flooding on or off.
         *
         * @param on true for on
         * @return this builder
         */
        public Builder flood(boolean on) {
            this.flood = on;
            return this;
        }

        /**
         * Learning on or off.
         *
         * @param on true for on
         * @return this builder
         */
        public Builder learning(boolean on) {
            this.learning = on;
            return this;
        }

        /**
         * The STP path cost.
         *
         * @param cost the path cost
         * @return this builder
         */
        public Builder cost(int cost) {
            this.cost = cost;
            return this;
        }

        /**
         * The STP port priority.
         *
         * @param priority the port priority
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Isolation on or off.
         *
         * @param on true for on
         * @return this builder
         */
        public Builder isolated(boolean on) {
            this.isolated = on;
            return this;
        }

        /** {@return the options} */
        public PortOptions build() {
            return new PortOptions(hairpin, flood, learning, cost, priority, isolated);
        }
    }
}
