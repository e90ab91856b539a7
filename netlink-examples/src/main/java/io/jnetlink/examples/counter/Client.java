package io.jnetlink.examples.counter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client of the replicated counter: one request per connection, with a deadline. */
public final class Client {
    private Client() {}

    /**
     * Sends {@code request} to {@code replica} and returns its one-line reply, or null if none came
     * within {@code timeout} (connect included) or the connection failed.
     */
    public static String call(InetSocketAddress replica, String request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(replica, millisLeft(deadline));
            s.setSoTimeout(millisLeft(deadline));
            OutputStream out = s.getOutputStream();
            out.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** Increments the counter through {@code replica}: the new value, or -1 if it did not commit in time. */
    public static long increment(InetSocketAddress replica, Duration timeout) {
        String reply = call(replica, "INC", timeout);
        return reply != null && reply.startsWith("OK ") ? Long.parseLong(reply.substring(3)) : -1;
    }

    /** The replica's state, or null if it did not answer in time. */
    public static Replica.State state(InetSocketAddress replica, Duration timeout) {
        String reply = call(replica, "GET", timeout);
        return reply == null ? null : Replica.State.parse(reply);
    }

    private static int millisLeft(long deadline) throws IOException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new java.net.SocketTimeoutException("deadline passed");
        }
        return (int) ms;
    }
}
