package org.gatehouse.bootstrap.smartcard.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.bootstrap.smartcard.SmartcardBootstrap;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.SmartcardException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the coordinator for a bootstrap when a card arrives whose data is not the data in place (the
 * smartcard mode alone), or when the card that provisioned the configuration leaves (the whole
 * sequence, to fall back). Reads happen on a thread of its own, never on the framework's event thread.
 */
@Component(service = {}, immediate = true)
public final class CardEvents {

    private static final Logger LOG = LoggerFactory.getLogger(CardEvents.class);

    private final SmartcardMode mode;
    private final BootstrapCoordinator coordinator;
    private final Map<String, Long> insertions = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> new Thread(r, "gatehouse-smartcard"));

    @Activate
    public CardEvents(@Reference(target = "(component.name=org.gatehouse.bootstrap.smartcard.impl.SmartcardMode)") SmartcardBootstrap mode,
            @Reference BootstrapCoordinator coordinator) {
        this.mode = (SmartcardMode) mode; // this bundle's own component: the events need its record and its reads
        this.coordinator = coordinator;
    }

    @Deactivate
    public void deactivate() {
        events.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addReader(CardReader reader) {
        insertions.put(reader.name(), reader.insertions());
        // at start-up the first sequence reads the card anyway; later, a reader plugged in with a card is like an insertion
        if (reader.cardPresent() && !coordinator.history().isEmpty()) {
            events.execute(() -> inserted(reader));
        }
    }

    public void updatedReader(CardReader reader) {
        Long before = insertions.put(reader.name(), reader.insertions());
        if (reader.cardPresent() && (before == null || reader.insertions() != before)) {
            events.execute(() -> inserted(reader));
        } else if (!reader.cardPresent()) {
            events.execute(() -> gone(reader.name()));
        }
    }

    /** A reader going away is not a card removal (pcscd restarting): the mode keeps the configuration until it is back. */
    public void removeReader(CardReader reader) {
        insertions.remove(reader.name());
    }

    /** A card arrived: a run only when its data is not what is applied (no needless re-registration). */
    private void inserted(CardReader reader) {
        if (!mode.watches(reader)) {
            return;
        }
        try {
            settle();
            String digest = mode.digest(reader);
            settle(); // a sequence that started meanwhile may have applied this very data
            if (!mode.appliedDigest().map(digest::equals).orElse(false)) {
                LOG.info("Card with LwM2M bootstrap data inserted in {}: bootstrapping from it", reader.name());
                coordinator.start(Optional.of(BootstrapMode.SMARTCARD));
            } else if (coordinator.phase() != BootstrapCoordinator.Phase.REGISTERED && coordinator.phase() != BootstrapCoordinator.Phase.REGISTERING) {
                // the card in place is back (its reader had gone): registration was held back meanwhile
                LOG.info("The card in place is back in {}: registering with what it says", reader.name());
                coordinator.start(Optional.of(BootstrapMode.SMARTCARD));
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

    /** The card that provisioned the configuration is gone: the sequence withdraws it and falls back. */
    private void gone(String readerName) {
        if (mode.appliedReader().map(readerName::equals).orElse(false)) {
            LOG.info("The card that provisioned the configuration left {}: withdrawing its configuration", readerName);
            coordinator.start(Optional.empty());
        }
    }

    /**
     * Waits while a sequence is in its smartcard step: it is reading this card now, and what it applies
     * is what an event must be compared with (else an insertion seen during that step would make a
     * second run, and a needless re-registration).
     */
    private void settle() {
        for (int i = 0; i < 600 && coordinator.phase() == BootstrapCoordinator.Phase.SMARTCARD; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
