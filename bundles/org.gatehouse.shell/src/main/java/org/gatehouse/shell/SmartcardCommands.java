package org.gatehouse.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.bootstrap.smartcard.CardContent;
import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.bootstrap.smartcard.SmartcardBootstrap;
import org.gatehouse.bootstrap.smartcard.SmartcardStatus;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.SmartcardException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * smartcard:readers, smartcard:read, smartcard:status. Present only with the smartcard feature (the
 * shell bundle imports its packages optionally).
 */
@Component(service = SmartcardCommands.class, property = {"osgi.command.scope=smartcard", "osgi.command.function=readers",
    "osgi.command.function=read", "osgi.command.function=status"})
public final class SmartcardCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SmartcardBootstrap smartcard;
    private final List<CardReader> readers = new CopyOnWriteArrayList<>();

    @Activate
    public SmartcardCommands(@Reference SmartcardBootstrap smartcard) {
        this.smartcard = smartcard;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addReader(CardReader reader) {
        readers.add(reader);
    }

    public void removeReader(CardReader reader) {
        readers.remove(reader);
    }

    @Descriptor("List the card readers: card present, ATR, cards seen arriving")
    public String readers() {
        if (readers.isEmpty()) {
            return "No card reader. Is pcscd running (scripts/pcsc-up.sh), and a reader plugged in?";
        }
        List<String> lines = new ArrayList<>();
        for (CardReader r : readers.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            lines.add(String.format("%-24s %-8s %s", r.name(), r.cardPresent() ? "card" : "empty",
                r.atr().map(a -> "ATR " + HexFormat.of().withUpperCase().formatHex(a)).orElse("") + "  insertions " + r.insertions()));
        }
        return String.join(System.lineSeparator(), lines);
    }

    @Descriptor("Read the LwM2M bootstrap data of the card in the first reader with a card, without applying it; secret keys print as ***")
    public String read() {
        return read(Optional.empty());
    }

    @Descriptor("Read the LwM2M bootstrap data of the card in a reader, without applying it; secret keys print as ***")
    public String read(@Descriptor("reader name, as smartcard:readers shows it") String reader) {
        return read(Optional.of(reader));
    }

    private String read(Optional<String> reader) {
        CardContent c;
        try {
            c = smartcard.read(reader);
        } catch (SmartcardException e) {
            return "Cannot read the card (" + e.kind() + "): " + e.getMessage();
        } catch (CardDataException e) {
            return (e.absent() ? "No LwM2M bootstrap data on the card: " : "The card's LwM2M bootstrap data is unusable: ") + e.getMessage();
        }
        List<String> lines = new ArrayList<>();
        lines.add("reader " + c.reader() + ", ATR " + c.atr());
        c.steps().forEach(s -> lines.add("  " + s));
        lines.add("data " + c.size() + " bytes, SHA-256 " + c.digest() + " (" + c.apdus() + " APDUs, " + c.millis() + " ms)");
        for (LwM2mObject o : c.objects()) {
            lines.addAll(NodeLines.of(LwM2mPath.of(o.id()), o));
        }
        c.notes().forEach(n -> lines.add("note: " + n));
        return String.join(System.lineSeparator(), lines);
    }

    @Descriptor("Show the card configuration in place: the card data's digest, the reader, the instances and servers it provisioned, the last check")
    public String status() {
        SmartcardStatus s = smartcard.status();
        List<String> lines = new ArrayList<>();
        if (s.digest().isEmpty()) {
            lines.add("No card configuration in place.");
        } else {
            lines.add("card data " + s.digest().get() + " from " + s.reader().orElse("?"));
            lines.add("instances " + String.join(", ", s.instances()) + (s.ssids().isEmpty() ? "" : "; servers " + s.ssids()));
        }
        lines.add("last check: " + s.lastCheck().map(TIME::format).orElse("never") + " - " + s.lastResult());
        return String.join(System.lineSeparator(), lines);
    }
}
