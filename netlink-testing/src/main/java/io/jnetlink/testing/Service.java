package io.jnetlink.testing;

/**
 * A long-running piece of Java code that lives inside a {@link Node}: a server, a replica, a
 * client loop. Started with {@link Node#start(String, Service)}; everything it opens (server
 * sockets, client sockets) belongs to the node's network namespace.
 *
 * <pre>{@code
 * RunningService echo = node.start("echo", ctx -> {
 *     ServerSocket server = ctx.closeOnStop(new ServerSocket(7000));
 *     while (!ctx.stopping()) {
 *         Socket s = server.accept();                 // unblocked by stop(): the socket is closed
 *         ctx.thread("conn", () -> s.getInputStream().transferTo(s.getOutputStream()));
 *     }
 * });
 * ...
 * echo.stop();                                        // also done when the lab closes
 * }</pre>
 */
@FunctionalInterface
public interface Service {
    /**
     * Runs the service until {@link ServiceContext#stopping()} turns true (or it is interrupted,
     * or something it registered with {@link ServiceContext#closeOnStop} is closed under it).
     * Returning ends the service; an exception ends it and is kept as its {@link RunningService#failure()}.
     *
     * @param context the service's view of its node and of its stop
     * @throws Exception anything the service fails with; it becomes {@link RunningService#failure()}
     */
    void run(ServiceContext context) throws Exception;
}
