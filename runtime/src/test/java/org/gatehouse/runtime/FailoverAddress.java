package org.gatehouse.runtime;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The address a part of the fleet is given for the bootstrap server, standing for a load balancer's
 * virtual address: a UDP relay on loopback in front of one node. Each client's datagrams go to the
 * node from a socket of the relay's own for that client (so the node tells the clients apart, as
 * behind a NAT), the node's answers go back, and every datagram is held for a fixed delay each way,
 * as on a real network, so that sessions are long enough to be cut in the middle. {@link #moveTo}
 * sends every later datagram, of clients old and new, to another node: what a load balancer does
 * once its health check finds a node gone. The relay never looks into a datagram.
 */
final class FailoverAddress implements AutoCloseable {

    private final DatagramSocket front;
    private final Map<SocketAddress, DatagramSocket> perClient = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "failover-delay"));
    private final long delayNanos;
    private volatile InetSocketAddress node;

    FailoverAddress(InetSocketAddress node, Duration delay) throws IOException {
        this.node = node;
        this.delayNanos = delay.toNanos();
        front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        daemon(() -> pump(front, null), "failover-" + front.getLocalPort()).start();
    }

    String uri() {
        return "coap://127.0.0.1:" + front.getLocalPort();
    }

    /** From now on, datagrams (those already on their way too) go to {@code other}. */
    void moveTo(InetSocketAddress other) {
        node = other;
    }

    /** Client to node when {@code client} is null (the front socket), else node to that client. */
    private void pump(DatagramSocket from, SocketAddress client) {
        byte[] buffer = new byte[65536];
        while (!from.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                from.receive(in);
                byte[] data = Arrays.copyOf(in.getData(), in.getLength());
                if (client == null) {
                    DatagramSocket out = perClient.computeIfAbsent(in.getSocketAddress(), this::open);
                    later(() -> send(out, data, node));
                } else {
                    later(() -> send(front, data, client));
                }
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                // closed while receiving or scheduling: the loop condition decides
            }
        }
    }

    private DatagramSocket open(SocketAddress client) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            daemon(() -> pump(s, client), "failover-client-" + s.getLocalPort()).start();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void later(Runnable send) {
        delays.schedule(send, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void send(DatagramSocket socket, byte[] data, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            // a dead node's port, or closed: the datagram is lost, as on a network
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        delays.shutdownNow();
        front.close();
        perClient.values().forEach(DatagramSocket::close);
    }
}
