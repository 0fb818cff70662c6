package org.gatehouse.bootstrap.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.gatehouse.lwm2m.client.ConsistencyCheck;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mode taking back what it wrote: the bootstrap-server account too, and an empty configuration accepted only then. */
class WithdrawalTest {

    @TempDir
    Path dir;
    private FileObjectStore store;

    private static LwM2mObjectInstance bootstrapAccount(int id) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.string("coap://127.0.0.1:5783")), SingleResource.of(1, Value.bool(true)),
            SingleResource.of(2, Value.integer(3)));
    }

    private StoreSession session() throws BootstrapException {
        return new StoreSession(store, CoreModels.all(), "test", Duration.ofSeconds(1));
    }

    @BeforeEach
    void bootstrapAccountOnly() throws Exception {
        store = new FileObjectStore(dir.resolve("store"));
        try (StoreSession s = session()) {
            s.write(LwM2mPath.of(0, 0), bootstrapAccount(0));
            s.finish();
        }
    }

    @Test
    void delete_keeps_the_bootstrap_account_but_withdraw_takes_it() throws Exception {
        try (StoreSession s = session()) {
            BootstrapException refused = assertThrows(BootstrapException.class, () -> s.delete(LwM2mPath.of(0, 0)));
            assertTrue(refused.getMessage().contains("bootstrap-server account"), refused.getMessage());
            s.withdraw(LwM2mPath.of(0, 0));
            assertTrue(s.view().objects().get(0) == null, "the object went with its last instance");
            BootstrapException empty = assertThrows(BootstrapException.class, s::finish);
            assertTrue(empty.getMessage().contains(ConsistencyCheck.NO_ACCOUNT), "finish() still refuses no account at all");
            s.finishWithdrawal();
        }
        assertEquals(null, store.snapshot().objects().get(0));
    }

    @Test
    void a_withdrawal_leaving_other_problems_is_refused() throws Exception {
        try (StoreSession s = session()) {
            s.withdraw(LwM2mPath.of(0, 0));
            s.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(5)), SingleResource.of(1, Value.integer(60)),
                SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U"))));
            BootstrapException e = assertThrows(BootstrapException.class, s::finishWithdrawal);
            assertTrue(e.getMessage().contains("no Security instance has its Short Server ID 5"), e.getMessage());
        }
        assertEquals(bootstrapAccount(0), store.snapshot().objects().get(0).instance(0), "nothing committed");
    }

    @Test
    void withdraw_takes_instances_only() throws Exception {
        try (StoreSession s = session()) {
            assertThrows(BootstrapException.class, () -> s.withdraw(LwM2mPath.of(0)));
            s.withdraw(LwM2mPath.of(2, 7)); // absent: not an error
        }
    }
}
