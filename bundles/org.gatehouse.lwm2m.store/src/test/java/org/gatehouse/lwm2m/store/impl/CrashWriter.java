package org.gatehouse.lwm2m.store.impl;

import java.nio.file.Path;
import java.time.Duration;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreTransaction;

/**
 * Run in a separate JVM by {@link StoreCrashTest}: commits until killed (or {@code args[1]} times),
 * each commit writing its revision into ten instances (the invariant a torn commit would break). It
 * reports {@code committing N} before a commit starts and {@code committed N <micros>} after it returned.
 */
public final class CrashWriter {

    static final String WRITER = "crash-writer";

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        FileObjectStore store = new FileObjectStore(Path.of(args[0]));
        long commits = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        long counter = store.snapshot().revision();
        for (long done = 0; done < commits; done++) {
            counter++;
            try (StoreTransaction tx = store.begin(WRITER, Duration.ofSeconds(5))) {
                for (int i = 0; i < 10; i++) {
                    byte[] padding = new byte[500 + (int) (counter % 3000)];
                    tx.write(LwM2mPath.of(33000, i), LwM2mObjectInstance.of(i, SingleResource.of(0, Value.integer(counter)),
                        SingleResource.of(1, Value.opaque(padding))));
                }
                report("committing " + counter);
                long start = System.nanoTime();
                long revision = tx.commit();
                report("committed " + revision + " " + (System.nanoTime() - start) / 1000);
            }
        }
    }

    /** One line, one write(2): what the kernel accepted before a kill is all readable by the test. */
    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
