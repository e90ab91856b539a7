/**
 * Labs for tests: networks of nodes (network namespaces) joined by switches, with real faults
 * (partitions, one-way blocks, loss, rate limits, link failures), and the JUnit 5 extension that
 * gives each test a fresh one ({@link io.jnetlink.testing.WithLab}).
 */
module io.jnetlink.testing {
    requires transitive io.jnetlink.rtnl;
    requires transitive io.jnetlink.nft;
    requires transitive org.junit.jupiter.api;
    requires org.slf4j;

    exports io.jnetlink.testing;
}
