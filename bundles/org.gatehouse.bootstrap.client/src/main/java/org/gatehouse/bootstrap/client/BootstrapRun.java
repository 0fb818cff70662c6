package org.gatehouse.bootstrap.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapInterface;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bootstrap-Request exchange: a session, a connection to the bootstrap server whose requests go
 * to the Bootstrap interface, POST /bs, then waiting for Bootstrap-Finish. An unfinished session is
 * discarded and its connection closed; after an answered Finish the connection lingers
 * ({@code finish_linger}) to answer the server's retransmissions of Finish.
 */
final class BootstrapRun {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapRun.class);

    private final CoapTransport transport;
    private final BootstrapInterface bootstrapInterface;
    private final ClientInitiatedMode.Config config;
    private final Linger linger;

    BootstrapRun(CoapTransport transport, BootstrapInterface bootstrapInterface, ClientInitiatedMode.Config config, Linger linger) {
        this.transport = transport;
        this.linger = linger;
        this.bootstrapInterface = bootstrapInterface;
        this.config = config;
    }

    ModeOutcome once(BootstrapContext context, SecurityAccount account) throws InterruptedException {
        String server = account.uri();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        try (BootstrapSession session = context.openSession("bootstrap:" + server)) {
            RequestHandler handler = bootstrapInterface.handler(session, s -> finished.countDown());
            RequestHandler tracking = r -> {
                lastActivity.set(System.nanoTime()); // the finish timer restarts with each request of the server
                return handler.handle(r);
            };
            Connection connection = transport.open(account.peer(), tracking);
            boolean answeredFinish = false;
            try {
                CoapRequest request = CoapRequest.of(Method.POST, "/bs")
                    .withQuery(List.of("ep=" + context.endpointName(), "pct=" + config.preferred_content_format()));
                CoapResponse response = connection.send(request, Duration.ofMillis(config.request_timeout()));
                if (!response.code().isSuccess()) {
                    return ModeOutcome.failed("Bootstrap-Request answered " + response, server);
                }
                LOG.info("Bootstrap-Request accepted by {}; waiting for Bootstrap-Finish", server);
                long timeout = TimeUnit.SECONDS.toNanos(config.finish_timeout());
                while (!finished.await(200, TimeUnit.MILLISECONDS)) {
                    if (context.cancelled()) {
                        return ModeOutcome.failed("cancelled", server);
                    }
                    if (System.nanoTime() - lastActivity.get() > timeout) {
                        return ModeOutcome.failed("no Bootstrap-Finish within " + config.finish_timeout() + " s; previous configuration kept", server);
                    }
                }
                answeredFinish = true;
                return ModeOutcome.configured("bootstrapped by " + server, server);
            } finally {
                if (answeredFinish) {
                    linger.closeLater(connection, Duration.ofSeconds(config.finish_linger()));
                } else {
                    connection.close();
                }
            }
        } catch (TransportException e) {
            return ModeOutcome.failed(e.kind() + ": " + e.getMessage(), server);
        } catch (AccountException e) {
            return ModeOutcome.failed(e.getMessage(), server);
        }
    }
}
