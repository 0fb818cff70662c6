package org.gatehouse.smartcard.pcsc;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each PC/SC reader as a {@code CardReader} service while it is there, polled on a thread
 * of its own: readers plugged in or out, cards inserted or removed. pcscd stopping, restarting or
 * never running is one log line each way, not a flood; a machine without libpcsclite gets one warning
 * and no readers.
 * <p>
 * The poll sleeps between quick, non-blocking looks ({@code list()}, {@code isCardPresent()}) rather
 * than blocking in {@link CardTerminals#waitForChange}: the JDK has one PC/SC context per process and
 * pcsc-lite serialises the calls on a context, so a blocked waitForChange held every APDU of a card
 * session back by up to its timeout (about 150 ms per APDU measured).
 */
@Component(service = {}, immediate = true, configurationPid = PcscReaders.PID)
@Designate(ocd = PcscReaders.Config.class)
public final class PcscReaders {

    static final String PID = "org.gatehouse.smartcard.pcsc";
    private static final Logger LOG = LoggerFactory.getLogger(PcscReaders.class);

    @ObjectClassDefinition(name = "Gatehouse PC/SC readers", description = "Card readers through pcscd")
    public @interface Config {
        @AttributeDefinition(description = "How often the readers and their cards are looked at, ms")
        long poll_interval() default 500;

        @AttributeDefinition(description = "Wait before asking pcscd again while it is not running, ms")
        long retry_delay() default 2000;
    }

    private final ReaderRegistrations registrations;
    private final Config config;
    private final Thread poller;
    private volatile boolean stopping;
    private TerminalFactory factory;
    private boolean serviceDown;
    private boolean renewWarned;
    private String lastFailure = "";

    @Activate
    public PcscReaders(BundleContext context, Config config) {
        this.registrations = new ReaderRegistrations(context);
        this.config = config;
        this.poller = new Thread(this::poll, "gatehouse-pcsc");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    @Deactivate
    public void deactivate() throws InterruptedException {
        stopping = true;
        poller.interrupt();
        poller.join(config.poll_interval() + 2000);
        registrations.unregisterAll();
    }

    private void poll() {
        while (!stopping) {
            try {
                CardTerminals terminals = terminals();
                if (terminals == null) {
                    return; // no PC/SC library: logged once, nothing more to do in this process
                }
                sync(terminals);
                lastFailure = "";
                if (serviceDown) {
                    serviceDown = false;
                    LOG.info("pcscd is available: {} reader(s) {}", registrations.names().size(), registrations.names());
                }
                Thread.sleep(config.poll_interval());
            } catch (InterruptedException e) {
                return;
            } catch (Error e) {
                LOG.error("PC/SC polling stopped", e);
                throw e;
            } catch (CardException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                failed(e);
            }
        }
    }

    /** The PC/SC terminal list, or null when the JVM cannot load libpcsclite. */
    private CardTerminals terminals() throws CardException {
        if (factory == null) {
            try {
                factory = TerminalFactory.getInstance("PC/SC", null);
            } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
                if (PcscErrors.libraryMissing(e) && !PcscErrors.serviceGone(e)) {
                    LOG.warn("PC/SC is not available in this JVM ({}): no smartcard reader will be published. Install libpcsclite1 and "
                        + "pcscd (scripts/pcsc-up.sh) and restart the gateway; everything else runs without it.", rootMessage(e));
                    return null;
                }
                throw new CardException("cannot make a PC/SC terminal factory", e);
            }
        }
        return factory.terminals();
    }

    private void sync(CardTerminals terminals) throws CardException {
        List<CardTerminal> present = terminals.list();
        Set<String> seen = new HashSet<>();
        for (CardTerminal t : present) {
            seen.add(t.getName());
            PcscReader reader = registrations.reader(t.getName());
            boolean card = t.isCardPresent();
            if (reader == null) {
                reader = new PcscReader(t);
                reader.update(card);
                registrations.register(reader);
                LOG.info("Card reader appeared: {}", reader);
            } else if (reader.update(card)) {
                registrations.changed(reader);
                LOG.info("Card {} {}", card ? "inserted in" : "removed from", t.getName());
            }
        }
        for (String name : registrations.names()) {
            if (!seen.contains(name)) {
                registrations.unregister(name);
                LOG.info("Card reader gone: {}", name);
            }
        }
    }

    /** pcscd gone or restarting: one line when it happens, one when it is back (see poll), no flood between. */
    private void failed(Exception e) {
        LOG.debug("PC/SC call failed", e);
        // a communication error while polling (not while talking to a card) is pcscd going away too
        if (PcscErrors.serviceGone(e) || PcscErrors.code(e).equals("SCARD_F_COMM_ERROR")) {
            if (!serviceDown) {
                serviceDown = true;
                LOG.warn("pcscd is not running or was restarted ({}): smartcard readers are unavailable until it answers again; "
                    + "asking every {} ms", PcscErrors.code(e), config.retry_delay());
            }
            registrations.unregisterAll();
            factory = null;
            Optional<String> renewal = PcscContext.renew(); // a restarted pcscd needs a new PC/SC context
            if (renewal.isPresent() && !renewWarned) {
                renewWarned = true;
                LOG.warn("The JDK keeps its first PC/SC context; without --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED "
                    + "(bin/gatehouse sets it) readers come back only after a restart of the gateway ({})", renewal.get());
            }
        } else if (!e.toString().equals(lastFailure)) {
            lastFailure = e.toString(); // the same failure again is not logged again
            LOG.warn("PC/SC polling failed, trying again every {} ms: {}", config.retry_delay(), e.toString());
            LOG.debug("PC/SC polling failure", e);
        }
        try {
            Thread.sleep(config.retry_delay());
        } catch (InterruptedException ie) {
            stopping = true;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.toString();
    }
}
