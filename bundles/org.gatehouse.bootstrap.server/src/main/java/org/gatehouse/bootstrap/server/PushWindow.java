package org.gatehouse.bootstrap.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapInterface;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening window: a listener that accepts only the bootstrap server of the account (its DTLS
 * credentials, or for NoSec its host's address), a bootstrap session fed by what it pushes, and the
 * wait — for a first request within the hold-off time, then for Bootstrap-Finish with the finish
 * timeout restarting at each request. Whatever happens the listener is closed and an unfinished
 * session discarded, so the previous configuration stays as it was.
 */
final class PushWindow {

    private static final Logger LOG = LoggerFactory.getLogger(PushWindow.class);

    private final CoapTransport transport;
    private final BootstrapInterface bootstrapInterface;
    private final InetSocketAddress address;
    private final long finishTimeoutNanos;

    PushWindow(CoapTransport transport, BootstrapInterface bootstrapInterface, InetSocketAddress address, long finishTimeoutSeconds) {
        this.transport = transport;
        this.bootstrapInterface = bootstrapInterface;
        this.address = address;
        this.finishTimeoutNanos = TimeUnit.SECONDS.toNanos(finishTimeoutSeconds);
    }

    ModeOutcome await(BootstrapContext context, SecurityAccount account, long holdOffMillis) throws InterruptedException {
        String server = account.uri();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicLong lastRequest = new AtomicLong(0);
        InetAddress allowedHost = hostOf(server);
        try (BootstrapSession session = context.openSession("bootstrap:push:" + server)) {
            RequestHandler bootstrap = bootstrapInterface.handler(session, s -> finished.countDown());
            RequestHandler handler = RequestHandler.withPeer((request, peer) -> {
                if (!fromBootstrapServer(peer, account, allowedHost)) {
                    LOG.warn("Push from {} refused: not the bootstrap server {}", peer, server);
                    return CoapResponse.of(ResponseCode.UNAUTHORIZED);
                }
                if (lastRequest.getAndSet(System.nanoTime()) == 0) {
                    LOG.info("Bootstrap server {} is pushing a configuration ({} {})", server, request.method(), request.path());
                }
                return bootstrap.handle(request, peer);
            });
            try (Listener listener = transport.listen(ListenSpec.forAccount("bootstrap push", address, account.security()), handler)) {
                LOG.info("Listening on {} for bootstrap server {} to push a configuration (hold-off {} ms)", listener.localAddress(), server,
                    holdOffMillis);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(holdOffMillis);
                while (!finished.await(100, TimeUnit.MILLISECONDS)) {
                    if (context.cancelled()) {
                        return ModeOutcome.failed("cancelled", server);
                    }
                    long last = lastRequest.get();
                    if (last == 0 && System.nanoTime() > deadline) {
                        return ModeOutcome.skipped("no push from " + server + " within the hold-off time");
                    }
                    if (last != 0 && System.nanoTime() - last > finishTimeoutNanos) {
                        return ModeOutcome.failed("push from " + server + " stopped without Bootstrap-Finish; previous configuration kept", server);
                    }
                }
                return ModeOutcome.configured("configured by a push from " + server, server);
            }
        } catch (TransportException e) {
            return ModeOutcome.failed("cannot listen on " + address + ": " + e.getMessage(), server);
        } catch (BootstrapException e) {
            return ModeOutcome.failed("no bootstrap session: " + e.getMessage(), server);
        }
    }

    /** DTLS: the listener's resolver already accepted only the account's credentials. NoSec: the server's host. */
    private static boolean fromBootstrapServer(Peer peer, SecurityAccount account, InetAddress allowedHost) {
        if (!(account.security() instanceof PeerSecurity.NoSec)) {
            return true;
        }
        return allowedHost != null && allowedHost.equals(peer.address().getAddress());
    }

    private static InetAddress hostOf(String uri) {
        try {
            return InetAddress.getByName(URI.create(uri).getHost());
        } catch (UnknownHostException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
