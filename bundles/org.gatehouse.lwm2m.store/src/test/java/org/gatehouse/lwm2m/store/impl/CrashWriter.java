package org.gatehouse.lwm2m.store.impl;

import java.nio.file.Path;
import java.time.Duration;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreTransaction;

/**
 * Run in a separate JVM by {@link StoreCrashTest}: commits forever, each commit writing the same
 * counter into ten instances (the invariant a torn commit would break), and prints the revision
 * after each commit returns.
 */
public final class CrashWriter {

    static final String WRITER = "crash-writer";

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        FileObjectStore store = new FileObjectStore(Path.of(args[0]));
        long counter = store.snapshot().revision();
        while (true) {
            counter++;
            try (StoreTransaction tx = store.begin(WRITER, Duration.ofSeconds(5))) {
                for (int i = 0; i < 10; i++) {
                    byte[] padding = new byte[500 + (int) (counter % 3000)];
                    tx.write(LwM2mPath.of(33000, i), LwM2mObjectInstance.of(i, SingleResource.of(0, Value.integer(counter)),
                        SingleResource.of(1, Value.opaque(padding))));
                }
                long revision = tx.commit();
                System.out.println("committed " + revision);
                System.out.flush();
            }
        }
    }
}
