package org.gatehouse.bootstrap.smartcard.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.client.RegistrationGuard;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Smartcard bootstrap (LwM2M TS Appendix G): applies the bootstrap data of the card in a reader, first
 * in the sequence; and, as the registration guard, reads the card again before each Register and
 * Update towards a server it provisioned, vetoing when the data changed or the card is gone (the
 * sequence then applies the new data or withdraws the old). {@link CardEvents} asks for runs when
 * cards come and go; it is a component of its own so that the coordinator, which calls this mode,
 * is not referenced from it (a cycle SCR reports when the bundles start in an unlucky order).
 */
@Component(service = {BootstrapMode.class, RegistrationGuard.class, SmartcardBootstrap.class},
    property = BootstrapMode.MODE + "=" + BootstrapMode.SMARTCARD, configurationPid = SmartcardMode.PID)
@Designate(ocd = SmartcardMode.Config.class)
public final class SmartcardMode implements BootstrapMode, RegistrationGuard, SmartcardBootstrap {

    static final String PID = "org.gatehouse.bootstrap.smartcard";

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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addReader(CardReader reader) {
        readers.put(reader.name(), reader);
    }

    public void removeReader(CardReader reader) {
        readers.remove(reader.name(), reader);
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
        Optional<String> gone = configuration.record().map(AppliedRecord::reader).filter(r -> !readers.containsKey(r));
        if (gone.isPresent()) {
            // a reader that went away (pcscd restarting, a USB reader unplugged) is not a card removal: keep the
            // configuration, which the guard keeps from being used, until the reader is back and shows its card or none
            return ModeOutcome.failed("the reader " + gone.get() + " of the card in place is not there; its configuration stays unused until the "
                + "reader is back", gone.get());
        }
        return configuration.withdraw(context, why).orElse(ModeOutcome.skipped(why));
    }

    /** The digest of the card data in place, if any (for {@link CardEvents}). */
    Optional<String> appliedDigest() {
        return configuration.record().map(AppliedRecord::digest);
    }

    /** The reader the card configuration in place came from, if any. */
    Optional<String> appliedReader() {
        return configuration.record().map(AppliedRecord::reader);
    }

    /** Whether this mode looks at {@code reader} (see the configuration's reader filter). */
    boolean watches(CardReader reader) {
        return reader.name().contains(config.reader());
    }

    /** Reads a card's data and gives its digest (for {@link CardEvents}). */
    String digest(CardReader reader) throws SmartcardException, CardDataException {
        return read(reader).digest();
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
