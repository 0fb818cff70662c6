package org.gatehouse.coap.californium;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.TransportException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The CoAP/DTLS transport on Californium. Settings come from etc/org.gatehouse.coap.cfg, never from a file Californium writes. */
@Component(service = CoapTransport.class, configurationPid = CaliforniumTransport.PID)
@Designate(ocd = CaliforniumTransport.Config.class)
public final class CaliforniumTransport implements CoapTransport {

    static final String PID = "org.gatehouse.coap";
    /** Default of the largest request or response body; a larger request is answered 4.13 with Size1 (block-wise transfers included). */
    static final int MAX_BODY = 8192;
    // The largest UDP payload: Californium drops a datagram longer than its buffer without a word.
    private static final int MAX_DATAGRAM = 65507;
    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumTransport.class);
    private static final int BLOCKING_THREADS = 4;
    private static final int PROTOCOL_THREADS = 2;

    @ObjectClassDefinition(name = "Gatehouse CoAP transport", description = "CoAP and DTLS settings of every connection and listener")
    public @interface Config {
        @AttributeDefinition(description = "CoAP ACK_TIMEOUT in milliseconds (RFC 7252 default 2000)")
        int ack_timeout() default 2000;

        @AttributeDefinition(description = "CoAP MAX_RETRANSMIT (RFC 7252 default 4)")
        int max_retransmit() default 4;

        @AttributeDefinition(description = "DTLS handshake retransmission timeout in milliseconds")
        int dtls_retransmission_timeout() default 1000;

        @AttributeDefinition(description = "DTLS handshake retransmissions before giving up")
        int dtls_max_retransmissions() default 4;

        @AttributeDefinition(description = "Largest request or response body in bytes, in one datagram or block-wise; a larger request gets 4.13 with Size1")
        int max_body_size() default MAX_BODY;

        @AttributeDefinition(description = "At activation, one round trip over loopback on a thread of its own, so that the first real "
            + "connection does not pay the CoAP stack's first use (classes, first endpoint) on the way to the first bootstrap: over DTLS "
            + "when the previous run's connections used DTLS, plain CoAP otherwise")
        boolean warm_up() default true;

        @AttributeDefinition(description = "Threads that carry every connection's and listener's messages (Californium's stack and the "
            + "non-blocking handlers). 1 suits a node that only serves bootstraps, with a storage that writes behind: about a tenth "
            + "less CPU per bootstrap, but a handler that waits on that thread holds up every peer meanwhile")
        int protocol_threads() default PROTOCOL_THREADS;

        @AttributeDefinition(description = "After a plain-CoAP connection that had to start its own endpoint, start one ahead for the "
            + "next (the LwM2M server's right after a bootstrap): 2-4 ms off that connection, one more UDP socket and two threads "
            + "until it is taken or closed unused after 2 s. DTLS connections are not affected")
        boolean spare_endpoint() default true;
    }

    /**
     * What every endpoint is built from: the client role's and the server role's settings, plain CoAP or DTLS
     * (the DTLS ones made at the first secure endpoint: Scandium probes the JVM's cipher suites when it is first
     * touched, some 100 ms of a start that a NoSec gateway never needs), the shared threads, the body limit.
     */
    record Setup(Configuration client, Configuration server, DtlsSettings dtls, ScheduledExecutorService executor,
            ScheduledExecutorService timer, int maxBody, ExecutorService blocking) {
        Configuration client(boolean secure) {
            return secure ? dtls.client() : client;
        }

        Configuration server(boolean secure) {
            return secure ? dtls.server() : server;
        }
    }

    private final Setup setup;
    // Shared by every connection: a connection then costs a socket, not a set of new threads.
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService timer = scheduled(1, "gatehouse-coap-timer");
    // Blocking request handlers (BlockingRequestHandler) wait here, not on the threads above that carry every peer's messages.
    private final ExecutorService blocking = Executors.newFixedThreadPool(BLOCKING_THREADS, daemon("gatehouse-coap-handler"));
    private final DtlsHint dtlsHint;
    private final Thread warmup;
    private final SpareEndpoint spares;

    /** A transport outside a framework (tests): nothing remembered between runs. */
    public CaliforniumTransport(Config config) {
        this(config, (BundleContext) null);
    }

    @Activate
    public CaliforniumTransport(Config config, BundleContext context) {
        if (config.protocol_threads() < 1) {
            String why = "protocol.threads of org.gatehouse.coap is " + config.protocol_threads() + "; it needs at least 1 (default "
                + PROTOCOL_THREADS + ")";
            // SCR reports the failure only to the OSGi log, which the gateway's output does not show
            LOG.error("CoAP transport not started: {}; fix etc/org.gatehouse.coap.cfg", why);
            throw new IllegalArgumentException(why);
        }
        this.executor = scheduled(config.protocol_threads(), "gatehouse-coap");
        Configuration client = coapConfiguration(config);
        this.setup = new Setup(client, new Configuration(client), new DtlsSettings(config), executor, timer, config.max_body_size(), blocking);
        java.io.File hint = context == null ? null : context.getDataFile("dtls-used");
        this.dtlsHint = new DtlsHint(hint == null ? null : hint.toPath());
        this.warmup = config.warm_up() ? Warmup.start(setup, dtlsHint.expected()) : null;
        this.spares = config.spare_endpoint() ? new SpareEndpoint(setup, blocking, SpareEndpoint.IDLE) : null;
    }

    /**
     * Cancelled tasks leave the queue at once: every request schedules its timeout and retransmission and cancels them
     * when answered, and kept they would pile up for the whole timeout (30 s at 1,000 requests/s: tens of thousands).
     */
    private static ScheduledExecutorService scheduled(int threads, String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, daemon(name));
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The local port of the plain endpoint started ahead and not yet taken, or -1 (tests). */
    int spareReadyPort() {
        return spares == null ? -1 : spares.readyPort();
    }

    /** What its endpoints are built from (the warm-up's test). */
    Setup setup() {
        return setup;
    }

    @Deactivate
    public void deactivate() {
        if (warmup != null) {
            warmup.interrupt();
        }
        if (spares != null) {
            spares.close();
        }
        executor.shutdownNow();
        timer.shutdownNow();
        blocking.shutdownNow();
        dtlsHint.close();
    }

    /** Plain CoAP's settings: no DTLS class is touched. */
    static Configuration coapConfiguration(Config config) {
        // Registering the modules and building "without file" keeps Californium3.properties out of the working directory.
        CoapConfig.register();
        UdpConfig.register();
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(CoapConfig.ACK_TIMEOUT, config.ack_timeout(), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.MAX_RETRANSMIT, config.max_retransmit());
        c.set(UdpConfig.UDP_DATAGRAM_SIZE, MAX_DATAGRAM);
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.max_body_size());
        return c;
    }

    /** CoAP's and DTLS's settings, the client role's. */
    static Configuration configuration(Config config) {
        DtlsConfig.register();
        Configuration c = coapConfiguration(config);
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        c.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, config.dtls_retransmission_timeout(), TimeUnit.MILLISECONDS);
        c.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, config.dtls_max_retransmissions());
        // LwM2M's mandatory suites (…_AES_128_CCM_8) are not on Scandium's "recommended" list.
        c.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        c.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, true); // sent when the connection has a server name
        c.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, true);
        return c;
    }

    /** A listener answers handshakes and never starts one; a client's server name plays no part. */
    static Configuration serverConfiguration(Configuration client) {
        Configuration c = new Configuration(client);
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        c.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, false);
        return c;
    }

    @Override
    public Connection open(PeerSpec peer, RequestHandler handler) throws TransportException {
        dtlsHint.opened(!(peer.security() instanceof PeerSecurity.NoSec));
        return new CaliforniumConnection(peer, handler, setup, spares);
    }

    @Override
    public Listener listen(ListenSpec spec, RequestHandler handler) throws TransportException {
        return new CaliforniumListener(spec, handler, setup);
    }
}
