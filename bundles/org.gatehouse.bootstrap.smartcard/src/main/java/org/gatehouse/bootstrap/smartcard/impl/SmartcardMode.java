package org.gatehouse.bootstrap.smartcard.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.bootstrap.RegistrationGuard;
import org.gatehouse.bootstrap.smartcard.CardContent;
import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.bootstrap.smartcard.SmartcardBootstrap;
import org.gatehouse.bootstrap.smartcard.SmartcardStatus;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.SmartcardException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smartcard bootstrap (LwM2M TS Appendix G): applies the bootstrap data of the card in a reader, first
 * in the sequence; asks for a run when a card with other data arrives; and, as the registration guard,
 * reads the card again before each Register and Update towards a server it provisioned, vetoing when
 * the data changed or the card is gone (the sequence then applies the new data or withdraws the old).
 */
@Component(service = {BootstrapMode.class, RegistrationGuard.class, SmartcardBootstrap.class},
    property = BootstrapMode.MODE + "=" + BootstrapMode.SMARTCARD, configurationPid = SmartcardMode.PID)
@Designate(ocd = SmartcardMode.Config.class)
public final class SmartcardMode implements BootstrapMode, RegistrationGuard, SmartcardBootstrap {

    static final String PID = "org.gatehouse.bootstrap.smartcard";
    private static final Logger LOG = LoggerFactory.getLogger(SmartcardMode.class);

    @ObjectClassDefinition(name = "Gatehouse smartcard bootstrap", description = "LwM2M bootstrap from the PKCS#15 file on a SIM/UICC")
    public @interface Config {
        @AttributeDefinition(description = "Only readers whose name contains this text; empty: every reader")
        String reader() default "";

        @AttributeDefinition(description = "File holding the PIN presented when the bootstrap data is private; empty means <gateway>/etc/smartcard-pin. Never logged")
        String pin_file() default "";

        @AttributeDefinition(description = "Key reference of that PIN in VERIFY (1 = PIN1, 0x81 = an application PIN)")
        int pin_reference() default 1;

        @AttributeDefinition(description = "How long to wait for another user of the card to finish, ms")
        long card_wait() default 5000;
    }

    private final ContentCodec tlv;
    private final ModelLookup models;
    private final Config config;
    private final CardConfiguration configuration;
    private final PinFile pin;
    private final Map<String, CardReader> readers = new ConcurrentHashMap<>();
    private final Map<String, Long> insertions = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> new Thread(r, "gatehouse-smartcard"));
    private volatile BootstrapCoordinator coordinator;
    private volatile Optional<Instant> lastCheck = Optional.empty();
    private volatile String lastResult = "not checked yet";

    @Activate
    public SmartcardMode(@Reference(target = "(" + ContentCodec.CONTENT_FORMAT + "=11542)") ContentCodec tlv, @Reference ModelRegistry models,
            BundleContext context, Config config) {
        this(tlv, models, dataFile(context), pinFile(context, config), config);
    }

    /** Wiring without a framework (tests, tools). */
    public SmartcardMode(ContentCodec tlv, ModelLookup models, Path recordFile, Path pinFile, Config config) {
        this.tlv = tlv;
        this.models = models;
        this.config = config;
        this.configuration = new CardConfiguration(recordFile, tlv, models);
        this.pin = new PinFile(pinFile, config.pin_reference());
    }

    private static Path dataFile(BundleContext context) {
        String data = context.getProperty("gatehouse.data");
        return data != null ? Path.of(data, "smartcard-applied.properties") : context.getDataFile("smartcard-applied.properties").toPath();
    }

    private static Path pinFile(BundleContext context, Config config) {
        if (!config.pin_file().isBlank()) {
            return Path.of(config.pin_file());
        }
        String etc = context.getProperty("gatehouse.etc");
        return etc != null ? Path.of(etc, "smartcard-pin") : context.getDataFile("smartcard-pin").toPath();
    }

    @Deactivate
    public void deactivate() {
        events.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addReader(CardReader reader) {
        readers.put(reader.name(), reader);
        insertions.put(reader.name(), reader.insertions());
        BootstrapCoordinator c = coordinator;
        // at start-up the first sequence reads the card anyway; later, a reader plugged in with a card is like an insertion
        if (reader.cardPresent() && c != null && !c.history().isEmpty()) {
            events.execute(() -> inserted(reader));
        }
    }

    public void updatedReader(CardReader reader) {
        long before = insertions.getOrDefault(reader.name(), 0L);
        insertions.put(reader.name(), reader.insertions());
        if (reader.cardPresent() && reader.insertions() != before) {
            events.execute(() -> inserted(reader));
        } else if (!reader.cardPresent()) {
            events.execute(() -> gone(reader.name()));
        }
    }

    public void removeReader(CardReader reader) {
        readers.remove(reader.name(), reader);
        insertions.remove(reader.name());
        events.execute(() -> gone(reader.name()));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setCoordinator(BootstrapCoordinator c) {
        coordinator = c;
    }

    public void unsetCoordinator(BootstrapCoordinator c) {
        if (coordinator == c) {
            coordinator = null;
        }
    }

    /** A card arrived: a run only when its data is not what is applied (no needless re-registration). */
    private void inserted(CardReader reader) {
        try {
            settle();
            CardReading.Raw raw = read(reader);
            settle(); // a sequence that started meanwhile may have applied this very data
            if (!configuration.record().map(r -> r.digest().equals(raw.digest())).orElse(false)) {
                LOG.info("Card with LwM2M bootstrap data inserted in {}: bootstrapping from it", reader.name());
                ask(Optional.of(SMARTCARD));
            }
        } catch (CardDataException e) {
            if (e.absent()) {
                LOG.info("Card inserted in {} holds no LwM2M bootstrap data", reader.name());
                gone(reader.name());
            } else {
                LOG.warn("Card inserted in {} cannot be used: {}", reader.name(), e.getMessage());
            }
        } catch (SmartcardException e) {
            LOG.info("Card inserted in {} could not be read: {}", reader.name(), e.getMessage());
        }
    }

    /**
     * Waits while a sequence is in its smartcard step: it is reading this card now, and what it applies
     * is what an event must be compared with (else an insertion seen during that step would make a
     * second run, and a needless re-registration).
     */
    private void settle() {
        for (int i = 0; i < 600; i++) {
            BootstrapCoordinator c = coordinator;
            if (c == null || c.phase() != BootstrapCoordinator.Phase.SMARTCARD) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The card that provisioned the configuration is gone: the sequence withdraws it and falls back. */
    private void gone(String readerName) {
        if (configuration.record().map(r -> r.reader().equals(readerName)).orElse(false)) {
            LOG.info("The card that provisioned the configuration left {}: withdrawing its configuration", readerName);
            ask(Optional.empty());
        }
    }

    private void ask(Optional<String> mode) {
        BootstrapCoordinator c = coordinator;
        if (c != null) {
            c.start(mode);
        }
    }

    @Override
    public ModeOutcome run(BootstrapContext context) {
        List<String> absent = new ArrayList<>();
        for (CardReader reader : candidates()) {
            if (context.cancelled()) {
                return ModeOutcome.skipped("cancelled");
            }
            CardReading.Raw raw;
            try {
                raw = read(reader);
            } catch (CardDataException e) {
                if (e.absent()) {
                    absent.add(reader.name() + ": " + e.getMessage());
                    continue;
                }
                return ModeOutcome.failed("card in " + reader.name() + " refused, nothing applied: " + e.getMessage(), reader.name());
            } catch (SmartcardException e) {
                return ModeOutcome.failed("card in " + reader.name() + " could not be read, nothing applied: " + e.getMessage(), reader.name());
            }
            if (configuration.record().map(r -> r.digest().equals(raw.digest())).orElse(false) && configuration.inPlace(context.current())) {
                // configured, so that the sequence goes on to register rather than letting factory data replace the card's
                return ModeOutcome.configured("card data in " + reader.name() + " unchanged and in place", reader.name());
            }
            try {
                return configuration.apply(context, raw, CardReading.decode(raw.content(), tlv, models));
            } catch (CardDataException e) {
                return ModeOutcome.failed("card in " + reader.name() + " refused, nothing applied: " + e.getMessage(), reader.name());
            }
        }
        String why = readers.isEmpty() ? "no card reader" : absent.isEmpty() ? "no card in " + readers.keySet() : String.join("; ", absent);
        return configuration.withdraw(context, why).orElse(ModeOutcome.skipped(why));
    }

    /** The readers to look at: those with a card, whose name matches the configuration. */
    private List<CardReader> candidates() {
        return readers.values().stream().filter(r -> r.name().contains(config.reader())).filter(CardReader::cardPresent)
            .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    private CardReading.Raw read(CardReader reader) throws SmartcardException, CardDataException {
        try {
            CardReading.Raw raw = CardReading.read(reader, pin, Duration.ofMillis(config.card_wait()));
            checked("read " + reader.name() + ": data " + raw.digest().substring(0, 12) + "…, " + raw.apdus() + " APDUs, " + raw.millis() + " ms");
            return raw;
        } catch (SmartcardException | CardDataException e) {
            checked("read " + reader.name() + " failed: " + e.getMessage());
            throw e;
        }
    }

    private void checked(String result) {
        lastCheck = Optional.of(Instant.now());
        lastResult = result;
    }

    @Override
    public Optional<String> veto(int ssid, Operation operation) {
        Optional<AppliedRecord> applied = configuration.record();
        if (applied.isEmpty() || !applied.get().provisioned(ssid)) {
            return Optional.empty();
        }
        AppliedRecord r = applied.get();
        CardReader reader = readers.get(r.reader());
        if (reader == null || !reader.cardPresent()) {
            return Optional.of("the card that provisioned server " + ssid + " is no longer in " + r.reader());
        }
        try {
            String digest = read(reader).digest();
            return digest.equals(r.digest()) ? Optional.empty()
                : Optional.of("the card data in " + r.reader() + " changed (" + r.digest().substring(0, 12) + "… → " + digest.substring(0, 12) + "…)");
        } catch (CardDataException e) {
            return Optional.of("the card in " + r.reader() + (e.absent() ? " holds no LwM2M bootstrap data any more: " : " cannot be used: ") + e.getMessage());
        } catch (SmartcardException e) {
            return Optional.of("the card in " + r.reader() + " could not be checked: " + e.getMessage());
        }
    }

    @Override
    public SmartcardStatus status() {
        Optional<AppliedRecord> r = configuration.record();
        return new SmartcardStatus(r.map(AppliedRecord::digest), r.map(AppliedRecord::reader), r.map(AppliedRecord::instances).orElse(List.of()),
            r.map(AppliedRecord::ssids).orElse(List.of()), lastCheck, lastResult);
    }

    @Override
    public CardContent read(Optional<String> readerName) throws SmartcardException, CardDataException {
        CardReader reader = readerName.map(readers::get).orElseGet(() -> candidates().stream().findFirst().orElse(null));
        if (reader == null) {
            throw new SmartcardException(SmartcardException.Kind.NO_CARD, readerName.map(n -> "no reader named " + n + "; readers: " + readers.keySet())
                .orElse("no card in any reader " + readers.keySet()));
        }
        CardReading.Raw raw = read(reader);
        return CardReading.content(raw, CardReading.decode(raw.content(), tlv, models));
    }
}
