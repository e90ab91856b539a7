package io.jnetlink.testing;

import java.util.List;

/**
 * The child JVM of {@link CrashKernelTest}: builds a lab with faults in force (tables in the
 * fabric and in a node), says so on standard output, and waits to be killed.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Lab lab = Lab.create(args[0]);
        List<Node> n = lab.nodes("n1", "n2", "n3");
        lab.isolate(n.get(0));
        lab.block(n.get(1), n.get(2));
        Probe.tcpEcho(n.get(2), 7000);
        System.out.println("READY " + lab.name() + " " + n.get(2).netns().name());
        System.out.flush();
        Thread.sleep(60_000); // killed long before
        System.exit(3);
    }
}
