package org.gatehouse.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mode's timing without a clock: the waits it asks for are recorded instead of slept, and every
 * Bootstrap-Request fails at once (a transport stand-in that finds nobody), so that hold-off, back-off,
 * the attempt count and cancellation are checked exactly.
 */
class ClientInitiatedModeTest {

    @TempDir
    Path dir;
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CoapTransport nobodyThere = (peer, handler) -> {
        requests.incrementAndGet();
        throw new TransportException(TransportException.Kind.UNREACHABLE, peer.name() + ": nobody there (test)");
    };

    @Test
    void waits_the_hold_off_then_backs_off_doubling_up_to_the_cap_for_every_attempt() throws Exception {
        ClientInitiatedMode mode = mode(Map.of("attempts", 6, "max_backoff", 40L), (millis, context) -> waits.add(millis));
        ModeOutcome outcome = mode.run(context(holdOff(7)));
        assertEquals(ModeOutcome.Result.FAILED, outcome.result());
        assertTrue(outcome.detail().contains("nobody there"), outcome.detail());
        assertEquals(6, requests.get(), "one Bootstrap-Request per attempt");
        assertEquals(6, waits.size());
        assertEquals(7000L, waits.get(0), "the first wait is /0/x/11 Client Hold Off Time");
        for (int n = 1; n < waits.size(); n++) {
            long base = 7000L << (n - 1);
            assertTrue(waits.get(n) >= Math.min(base, 40_000) && waits.get(n) <= Math.min(base * 3 / 2, 40_000), "wait " + n + ": " + waits);
        }
        assertEquals(40_000L, waits.get(5), "capped by max.backoff");
        mode.deactivate();
    }

    @Test
    void no_hold_off_sends_the_first_request_at_once() throws Exception {
        ClientInitiatedMode mode = mode(Map.of("attempts", 2), (millis, context) -> waits.add(millis));
        mode.run(context(holdOff(0)));
        assertEquals(2, requests.get());
        assertEquals(1, waits.size(), "only the retry waits: " + waits);
        mode.deactivate();
    }

    @Test
    void a_run_cancelled_during_the_hold_off_sends_nothing() throws Exception {
        ClientInitiatedMode mode = mode(Map.of("attempts", 5), (millis, context) -> false);
        mode.run(context(holdOff(30)));
        assertEquals(0, requests.get());
        mode.deactivate();
    }

    private ClientInitiatedMode mode(Map<String, Object> config, Pause pause) throws Exception {
        ModelRegistry models = ModelRegistry.of(CoreModels.all());
        return new ClientInitiatedMode(nobodyThere, (session, onFinish) -> RequestHandler.REFUSE, new FileObjectStore(dir.resolve("store")),
            new SenmlCborCodec(), models, config(config), dir.resolve("purge.properties"), pause, new Random(11));
    }

    private ObjectTree holdOff(long seconds) throws Exception {
        FileObjectStore store = new FileObjectStore(dir.resolve("accounts-" + seconds));
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            tx.write(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("coap://127.0.0.1:5683")),
                SingleResource.of(1, Value.bool(true)), SingleResource.of(2, Value.integer(3)), SingleResource.of(11, Value.integer(seconds))));
            tx.commit();
        }
        return store.snapshot();
    }

    private static BootstrapContext context(ObjectTree tree) {
        return new BootstrapContext() {
            @Override
            public String endpointName() {
                return "gw-test";
            }

            @Override
            public ObjectTree current() {
                return tree;
            }

            @Override
            public BootstrapSession openSession(String source) {
                return new IdleSession(tree);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }

    /** A session nothing is written to: the transport fails before the bootstrap server could write. */
    private record IdleSession(ObjectTree view) implements BootstrapSession {
        @Override
        public void write(LwM2mPath path, LwM2mNode node) throws BootstrapException {
            throw new BootstrapException("not expected in this test");
        }

        @Override
        public void delete(LwM2mPath path) throws BootstrapException {
            throw new BootstrapException("not expected in this test");
        }

        @Override
        public List<String> check() {
            return List.of();
        }

        @Override
        public void finish() throws BootstrapException {
            throw new BootstrapException("not expected in this test");
        }

        @Override
        public void finishWithServerAccount() throws BootstrapException {
            throw new BootstrapException("not expected in this test");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    static ClientInitiatedMode.Config config(Map<String, Object> values) {
        return (ClientInitiatedMode.Config) Proxy.newProxyInstance(ClientInitiatedMode.Config.class.getClassLoader(),
            new Class<?>[] {ClientInitiatedMode.Config.class}, (proxy, method, args) -> method.getName().equals("annotationType")
                ? ClientInitiatedMode.Config.class : values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
