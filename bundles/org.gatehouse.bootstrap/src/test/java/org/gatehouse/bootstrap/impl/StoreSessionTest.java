package org.gatehouse.bootstrap.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.StoreWork;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finish against commits that land between its start and its commit: the session's requests are
 * applied again to the newer configuration, which keeps what the other writer committed.
 */
class StoreSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private FileObjectStore files;

    @BeforeEach
    void store() throws Exception {
        files = new FileObjectStore(dir);
    }

    /** Each commit of a bootstrap transaction is preceded by a commit of "server:7" writing /3/0/13, {@code times} times. */
    private ObjectStore interrupting(int times) {
        AtomicInteger left = new AtomicInteger(times);
        return new ObjectStore() {
            @Override
            public ObjectTree snapshot() {
                return files.snapshot();
            }

            @Override
            public Optional<String> writerOf(LwM2mPath path) {
                return files.writerOf(path);
            }

            @Override
            public StoreTransaction begin(String writer, Duration wait) throws StoreException {
                return new Interrupted(files.begin(writer, wait), left);
            }
        };
    }

    private final class Interrupted implements StoreTransaction {
        private final StoreTransaction tx;
        private final AtomicInteger left;

        Interrupted(StoreTransaction tx, AtomicInteger left) {
            this.tx = tx;
            this.left = left;
        }

        @Override
        public long commit() throws StoreException {
            if (left.getAndDecrement() > 0) {
                try (StoreTransaction server = files.begin("server:7", WAIT)) {
                    server.write(LwM2mPath.of(3, 0, 13), SingleResource.of(13, Value.time(1_000 + left.get())));
                    server.commit();
                }
            }
            return tx.commit();
        }

        @Override
        public ObjectTree view() {
            return tx.view();
        }

        @Override
        public void write(LwM2mPath path, LwM2mNode node) throws StoreException {
            tx.write(path, node);
        }

        @Override
        public void delete(LwM2mPath path) throws StoreException {
            tx.delete(path);
        }

        @Override
        public void rollback() {
            tx.rollback();
        }

        @Override
        public void close() {
            tx.close();
        }

        @Override
        public String writer() {
            return tx.writer();
        }

        @Override
        public Instant deadline() {
            return tx.deadline();
        }

        @Override
        public boolean isOpen() {
            return tx.isOpen();
        }

        @Override
        public Optional<String> writerOf(LwM2mPath path) {
            return tx.writerOf(path);
        }
    }

    private static void configure(StoreSession session) throws BootstrapException {
        session.write(LwM2mPath.of(0, 1), LwM2mObjectInstance.of(1, SingleResource.of(0, Value.string("coap://dm:5683")),
            SingleResource.of(1, Value.bool(false)), SingleResource.of(2, Value.integer(3)), SingleResource.of(10, Value.integer(101))));
        session.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(101)),
            SingleResource.of(1, Value.integer(300)), SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U"))));
    }

    @Test
    void a_commit_landing_during_finish_is_kept_and_the_session_applied_on_top_of_it() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        StoreSession session = new StoreSession(interrupting(2), CoreModels.all(), "bootstrap:coap://bs", WAIT, ended::incrementAndGet);
        configure(session);
        session.finishWithServerAccount();

        assertFalse(session.isOpen());
        assertEquals(1, ended.get());
        assertEquals(3, files.snapshot().revision(), "two server commits, then the bootstrap's");
        assertEquals(Value.time(1_000), ((SingleResource) files.read(LwM2mPath.of(3, 0, 13)).orElseThrow()).value(), "the last server write is kept");
        assertEquals(Optional.of("bootstrap:coap://bs"), files.writerOf(LwM2mPath.of(1, 0)));
        assertTrue(files.read(LwM2mPath.of(0, 1)).isPresent());
    }

    @Test
    void finish_gives_up_cleanly_when_every_attempt_is_overtaken() throws Exception {
        StoreSession session = new StoreSession(interrupting(StoreWork.ATTEMPTS), CoreModels.all(), "bootstrap:coap://bs", WAIT);
        configure(session);
        BootstrapException e = assertThrows(BootstrapException.class, session::finishWithServerAccount);
        assertTrue(e.getCause() instanceof StoreConflictException, "a store failure, answered 5.00: " + e.getCause());
        assertTrue(e.getMessage().contains("previous configuration kept"), e.getMessage());
        assertTrue(files.read(LwM2mPath.of(0, 1)).isEmpty() && files.read(LwM2mPath.of(1, 0)).isEmpty(), "nothing of the bootstrap applied");
        assertFalse(session.isOpen());
    }
}
