package org.gatehouse.benchmarks;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.framework.FrameworkFactory;
import org.gatehouse.bootstrap.smartcard.CardContent;
import org.gatehouse.bootstrap.smartcard.impl.SmartcardMode;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.pcsc.PcscReaders;
import org.gatehouse.smartcard.virtual.BootstrapFile;
import org.gatehouse.smartcard.virtual.ImageBuilder;
import org.gatehouse.smartcard.virtual.PcscStack;
import org.gatehouse.smartcard.virtual.VpcdCard;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * How long reading the bootstrap data from a card takes over the real PC/SC stack (pcscd, vpcd, the
 * virtual card, javax.smartcardio, the reader bundle, the mode's walk), and how many APDUs against the
 * fewest possible: 10 to reach the file (EF DIR select and record, MANAGE CHANNEL open and close,
 * SELECT AID, select and read ODF and DODF, select the EF) plus one READ BINARY per 256 bytes of
 * 4 + size. The Register/Update check is the same read (it compares the digest). Needs
 * scripts/pcsc-up.sh. Usage: SmartcardRead [ROUNDS].
 */
public final class SmartcardRead {

    private SmartcardRead() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        PcscStack.require();
        Path dir = Files.createTempDirectory("smartcard-bench");
        Framework framework = new FrameworkFactory().newFramework(Map.of("org.osgi.framework.storage", dir.resolve("felix").toString()));
        framework.start();
        PcscReaders readers = new PcscReaders(framework.getBundleContext(), config(PcscReaders.Config.class, Map.of("poll_interval", 200L)));
        SmartcardMode mode = new SmartcardMode(new TlvCodec(), CoreModels.all()::find, dir.resolve("applied"), dir.resolve("pin"),
            config(SmartcardMode.Config.class, Map.of()));
        ServiceTracker<CardReader, CardReader> tracker = new ServiceTracker<>(framework.getBundleContext(), CardReader.class, null) {
            @Override
            public CardReader addingService(org.osgi.framework.ServiceReference<CardReader> reference) {
                CardReader r = super.addingService(reference);
                mode.addReader(r);
                return r;
            }
        };
        tracker.open();
        String reader = PcscStack.readerName(VpcdCard.DEFAULT_PORT);
        System.out.printf("%8s %6s %9s %9s %9s%n", "bytes", "APDUs", "fewest", "median ms", "p90 ms");
        try (VpcdCard vpcd = new VpcdCard(VpcdCard.DEFAULT_PORT, false)) {
            for (int size : new int[] {126, 1024, 8192, 30000}) {
                byte[] content = BootstrapFile.encode(List.of(BootstrapFile.Entry.implicit(30000, new byte[size - 9])));
                vpcd.insert(ImageBuilder.build(content, ImageBuilder.Layout.standard().withPadTo(Math.min(32767, size + 512))));
                PcscStack.awaitCard(reader, true, Duration.ofSeconds(10));
                while (tracker.getService() == null || tracker.getServices().length < 2) {
                    Thread.sleep(50);
                }
                Thread.sleep(500); // the reader component has seen the card
                List<Long> micros = new ArrayList<>();
                int apdus = 0;
                for (int i = 0; i < rounds + 5; i++) {
                    long start = System.nanoTime();
                    CardContent c = mode.read(Optional.of(reader));
                    long took = (System.nanoTime() - start) / 1000;
                    apdus = c.apdus();
                    if (i >= 5) {
                        micros.add(took);
                    }
                }
                Collections.sort(micros);
                int fewest = 10 + (content.length + 255) / 256;
                System.out.printf("%8d %6d %9d %9.2f %9.2f%n", content.length, apdus, fewest, micros.get(micros.size() / 2) / 1000.0,
                    micros.get(micros.size() * 9 / 10) / 1000.0);
                if (size == 1024) { // Leshan reads no smart cards: a figure of ours alone
                    BenchSummary.record("smartcard: read 1 KiB bootstrap file (median)", micros.get(micros.size() / 2) / 1000.0, Double.NaN,
                        "ms", Double.NaN);
                }
                vpcd.remove();
                PcscStack.awaitCard(reader, false, Duration.ofSeconds(10));
            }
        } finally {
            tracker.close();
            readers.deactivate();
            framework.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> method.getName().equals("annotationType")
            ? type : values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
