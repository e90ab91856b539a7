package io.jnetlink.testing;

import io.jnetlink.rtnl.Netns;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A node of a {@link Lab}: a network namespace of its own, with one interface per switch it is
 * plugged into. Its Java code runs inside with {@link #run} (servers bind there, clients connect
 * from there) or as a long-running {@link #start service}; programs run inside with {@link #exec}.
 *
 * <pre>{@code
 * Node a = lab.node("a"), b = lab.node("b");
 * try (RunningService echo = b.start("echo", ctx -> { ... serve on port 7000 ... })) {
 *     String reply = a.run(() -> {
 *         try (Socket s = new Socket(b.address(), 7000)) { ... }
 *     });
 * }
 * }</pre>
 */
public final class Node {
    private final Lab lab;
    private final String name;
    private final int number;
    private final Netns netns;
    private final List<Interface> interfaces = new ArrayList<>();
    private final List<RunningService> services = new ArrayList<>();
    private volatile boolean router;

    Node(Lab lab, String name, int number, Netns netns) {
        this.lab = lab;
        this.name = name;
        this.number = number;
        this.netns = netns;
    }

    /** {@return the node's name in the lab} */
    public String name() {
        return name;
    }

    /** {@return the lab the node belongs to} */
    public Lab lab() {
        return lab;
    }

    /** {@return the node's network namespace (for the full fluent API: links, routes, sysctls, nf_tables)} */
    public Netns netns() {
        return netns;
    }

    /** {@return whether the node forwards between its switches (made by {@link Lab#router})} */
    public boolean isRouter() {
        return router;
    }

    /**
     * {@return the IPv4 address of the node's first interface}
     *
     * @throws IllegalStateException if the node is plugged into no switch
     */
    public InetAddress address() {
        return first().address();
    }

    /** {@return the IPv6 address of the node's first interface (see {@link #address()})} */
    public InetAddress address6() {
        return first().address6();
    }

    /**
     * {@return the IPv4 address of the node's interface on {@code network}}
     *
     * @param network a switch the node is plugged into
     */
    public InetAddress address(Network network) {
        return iface(network).address();
    }

    /**
     * {@return the IPv6 address of the node's interface on {@code network}}
     *
     * @param network a switch the node is plugged into
     */
    public InetAddress address6(Network network) {
        return iface(network).address6();
    }

    /**
     * {@link #address()} with {@code port}: where to connect to a server of this node.
     *
     * @param port the server's port
     * @return the node's IPv4 address on its first switch, with {@code port}
     */
    public InetSocketAddress socketAddress(int port) {
        return new InetSocketAddress(address(), port);
    }

    /** {@return the node's interfaces, in the order they were plugged in} */
    public List<Interface> interfaces() {
        synchronized (lab) {
            return List.copyOf(interfaces);
        }
    }

    /**
     * {@return the node's interface on {@code network}}
     *
     * @param network a switch the node is plugged into
     * @throws IllegalArgumentException if the node is not plugged into it
     */
    public Interface iface(Network network) {
        synchronized (lab) {
            for (Interface i : interfaces) {
                if (i.network() == network) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("node " + name + " is not on network " + network.name());
    }

    private Interface first() {
        synchronized (lab) {
            if (interfaces.isEmpty()) {
                throw new IllegalStateException("node " + name + " is plugged into no switch, so it has no address");
            }
            return interfaces.getFirst();
        }
    }

    // ---- code inside --------------------------------------------------------------------------

    /**
     * Runs {@code task} inside the node on a platform thread of its own and returns its result:
     * sockets it opens belong to the node (see {@link Netns#run(Callable)}).
     *
     * @param <T> the task's result type
     * @param task the code to run inside the node
     * @return what {@code task} returned
     */
    public <T> T run(Callable<T> task) {
        return netns.run(task);
    }

    /**
     * Runs {@code task} inside the node (see {@link #run(Callable)}).
     *
     * @param task the code to run inside the node
     */
    public void run(Runnable task) {
        netns.run(task);
    }

    /**
     * Starts a program inside the node, like {@code ip netns exec NODE command...}.
     *
     * @param command the program and its arguments
     * @return the started program
     */
    public Process exec(String... command) {
        return netns.exec(command);
    }

    /**
     * Starts {@code service} inside the node and returns once its thread is in the node; stop it
     * with {@link RunningService#stop()}, or leave it to the lab, which stops every service when it
     * closes. Wait for it to serve with {@link RunningService#awaitReady}.
     *
     * @param serviceName the service's name (in its threads' names and in errors)
     * @param service the service's code
     * @return the running service; close it to stop it
     */
    public RunningService start(String serviceName, Service service) {
        LabNames.checkName("service", serviceName);
        RunningService s = new RunningService(this, serviceName);
        synchronized (services) {
            lab.ensureOpen();
            services.add(s);
        }
        s.start(service);
        return s;
    }

    /** {@return the services started here that still run} */
    public List<RunningService> services() {
        synchronized (services) {
            return services.stream().filter(RunningService::isRunning).toList();
        }
    }

    // ---- for the lab --------------------------------------------------------------------------

    int number() {
        return number;
    }

    List<Interface> interfacesLocked() {
        return interfaces;
    }

    void markRouter() {
        router = true;
    }

    /** Stops every service; true if all ended. */
    boolean stopServices() {
        List<RunningService> all;
        synchronized (services) {
            all = new ArrayList<>(services);
            services.clear();
        }
        boolean ok = true;
        for (RunningService s : all) {
            ok &= s.stop();
        }
        return ok;
    }

    @Override
    public String toString() {
        return "Node[" + name + " " + netns.name() + "]";
    }
}
