package org.gatehouse.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /0/x/12 Bootstrap-Server Account Timeout: the purge survives a restart and removes only the account it was set for. */
class AccountPurgeTest {

    private static final LwM2mPath ACCOUNT = LwM2mPath.of(0, 0);

    @TempDir
    Path dir;
    private FileObjectStore store;
    private Path file;
    private final AtomicLong now = new AtomicLong(1_000_000);

    @BeforeEach
    void account() throws Exception {
        store = new FileObjectStore(dir.resolve("store"));
        file = dir.resolve("data/purge.properties");
        write(account("coap://bs.example:5683", 600));
    }

    @Test
    void the_account_goes_when_its_timeout_has_passed() throws Exception {
        try (AccountPurge purge = new AccountPurge(store, file, now::get)) {
            purge.schedule(SecurityAccount.of(current()), current());
            assertTrue(Files.exists(file), "the deadline is kept on disk");
            assertTrue(store.read(ACCOUNT).isPresent(), "not before the timeout");
        }
        now.addAndGet(Duration.ofSeconds(601).toMillis()); // the gateway was stopped past the deadline
        try (AccountPurge restarted = new AccountPurge(store, file, now::get)) {
            restarted.resume();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.read(ACCOUNT).isEmpty());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file));
        }
    }

    @Test
    void a_restart_before_the_deadline_keeps_waiting() throws Exception {
        try (AccountPurge purge = new AccountPurge(store, file, now::get)) {
            purge.schedule(SecurityAccount.of(current()), current());
        }
        now.addAndGet(Duration.ofSeconds(30).toMillis());
        try (AccountPurge restarted = new AccountPurge(store, file, now::get)) {
            restarted.resume();
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> store.read(ACCOUNT).isPresent());
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void an_account_written_in_its_place_is_never_removed() throws Exception {
        try (AccountPurge purge = new AccountPurge(store, file, now::get)) {
            purge.schedule(SecurityAccount.of(current()), current());
        }
        write(account("coaps://other-bs.example:5684", 0)); // a later bootstrap replaced it, same instance id
        now.addAndGet(Duration.ofSeconds(601).toMillis());
        try (AccountPurge restarted = new AccountPurge(store, file, now::get)) {
            restarted.resume();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file));
            assertTrue(store.read(ACCOUNT).isPresent(), "the new account stays");
        }
    }

    @Test
    void a_timeout_of_zero_clears_an_earlier_deadline() throws Exception {
        try (AccountPurge purge = new AccountPurge(store, file, now::get)) {
            purge.schedule(SecurityAccount.of(current()), current());
            write(account("coap://bs.example:5683", 0));
            purge.schedule(SecurityAccount.of(current()), current());
            assertFalse(Files.exists(file));
        }
    }

    private LwM2mObjectInstance current() {
        return (LwM2mObjectInstance) store.read(ACCOUNT).orElseThrow();
    }

    private static LwM2mObjectInstance account(String uri, long timeoutSeconds) {
        return LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string(uri)), SingleResource.of(1, Value.bool(true)),
            SingleResource.of(2, Value.integer(3)), SingleResource.of(12, Value.integer(timeoutSeconds)));
    }

    private void write(LwM2mObjectInstance instance) throws Exception {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            tx.write(ACCOUNT, instance);
            tx.commit();
        }
    }
}
