package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.framework.FrameworkFactory;
import org.awaitility.Awaitility;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.smartcard.impl.CardEvents;
import org.gatehouse.bootstrap.smartcard.impl.SmartcardMode;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.pcsc.PcscReaders;
import org.gatehouse.smartcard.virtual.CardImage;
import org.gatehouse.smartcard.virtual.ImageBuilder;
import org.gatehouse.smartcard.virtual.PcscStack;
import org.gatehouse.smartcard.virtual.VpcdCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole smartcard path: a virtual UICC in pcscd's vpcd reader → pcscd → javax.smartcardio → the
 * PC/SC reader component (publishing readers in a real Felix framework) → the smartcard mode → the
 * store → registration with a Leshan server whose URI and PSK came from the card. Then the card data
 * changes between two Updates (the next Update is vetoed, the new data applied, Leshan sees the
 * gateway at the new server), then the card is removed (the card configuration is withdrawn).
 * Fails (never skips) without pcscd: run scripts/pcsc-up.sh.
 */
class SmartcardBootstrapTest extends WithLeshan {

    private static final Logger LOG = LoggerFactory.getLogger(SmartcardBootstrapTest.class);
    private static final String READER = PcscStack.readerName(VpcdCard.DEFAULT_PORT);
    private static final byte[] PSK = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");

    private Framework framework;
    private PcscReaders readers;
    private ServiceTracker<CardReader, CardReader> tracker;
    private VpcdCard vpcd;
    private LeshanPeers second;
    private CardEvents events;

    @BeforeAll
    static void stack() {
        PcscStack.require();
    }

    @BeforeEach
    void readers() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of("org.osgi.framework.storage", dir.resolve("felix").toString()));
        framework.start();
        readers = new PcscReaders(framework.getBundleContext(), Configs.of(PcscReaders.Config.class, Map.of("poll_interval", 200L)));
        vpcd = new VpcdCard(VpcdCard.DEFAULT_PORT, false);
        second = new LeshanPeers();
    }

    @AfterEach
    void stopReaders() throws Exception {
        try {
            if (tracker != null) {
                tracker.close();
            }
            if (events != null) {
                events.deactivate();
            }
            vpcd.close();
            PcscStack.awaitCard(READER, false, Duration.ofSeconds(10));
        } finally {
            second.close();
            readers.deactivate();
            framework.stop();
            framework.waitForStop(5000);
        }
    }

    /** The mode wired as DS would: readers tracked (bind, modified = updated, unbind), mode and guard given to the gateway. */
    private SmartcardMode smartcard(TestGateway gw) {
        SmartcardMode mode = new SmartcardMode(new TlvCodec(), CoreModels.all()::find, dir.resolve("smartcard-applied.properties"),
            dir.resolve("smartcard-pin"), Configs.of(SmartcardMode.Config.class, Map.of()));
        events = new CardEvents(mode, gw.coordinator);
        BundleContext context = framework.getBundleContext();
        tracker = new ServiceTracker<>(context, CardReader.class, null) {
            @Override
            public CardReader addingService(ServiceReference<CardReader> reference) {
                CardReader r = context.getService(reference);
                mode.addReader(r);
                events.addReader(r);
                return r;
            }

            @Override
            public void modifiedService(ServiceReference<CardReader> reference, CardReader r) {
                events.updatedReader(r);
            }

            @Override
            public void removedService(ServiceReference<CardReader> reference, CardReader r) {
                mode.removeReader(r);
                events.removeReader(r);
            }
        };
        tracker.open();
        gw.coordinator.addMode(mode, Map.of(BootstrapMode.MODE, BootstrapMode.SMARTCARD));
        gw.registration.addGuard(mode);
        return mode;
    }

    /** A card whose one server account is {@code uri}, with a PSK when {@code identity} is given. */
    private static CardImage card(String uri, int ssid, String identity) throws Exception {
        String security = "{\"bn\":\"/0/1/\",\"n\":\"0\",\"vs\":\"" + uri + "\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":" + (identity == null ? 3 : 0)
            + "},{\"n\":\"10\",\"v\":" + ssid + "}" + (identity == null ? "" : ",{\"n\":\"3\",\"vd\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(identity.getBytes(StandardCharsets.UTF_8)) + "\"},{\"n\":\"5\",\"vd\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(PSK) + "\"}");
        String server = "{\"bn\":\"/1/1/\",\"n\":\"0\",\"v\":" + ssid + "},{\"n\":\"1\",\"v\":300},{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"}";
        return ImageBuilder.fromSenml(("[" + security + "," + server + "]").getBytes(StandardCharsets.UTF_8),
            ImageBuilder.Layout.standard().withOid(ImageBuilder.OidEncoding.DOUBLE).withPadTo(512));
    }

    private static List<String> watch(LeshanPeers peers) {
        List<String> seen = new CopyOnWriteArrayList<>();
        peers.server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(Registration r, Registration previous, Collection<Observation> observations) {
                seen.add("registered " + r.getEndpoint());
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
                seen.add("updated " + updated.getEndpoint());
            }

            @Override
            public void unregistered(Registration r, Collection<Observation> observations, boolean expired, Registration newReg) {
                seen.add("unregistered " + r.getEndpoint());
            }
        });
        return seen;
    }

    @Test
    void the_card_provisions_registration_its_change_moves_it_and_its_removal_withdraws_it() throws Exception {
        String ep = "gw-card";
        TestGateway gw = gateway(ep, Map.of("attempts", 1));
        SmartcardMode mode = smartcard(gw);
        List<String> first = watch(leshan);
        List<String> next = watch(second);
        leshan.serverSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "gw-card-identity", PSK));

        // 1. the card gives the server account (CoAPS with PSK); inserting it asks for a bootstrap, which reads it through pcscd
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tracker.getService() != null);
        vpcd.insert(card(leshan.serverUri(Protocol.COAPS), 1, "gw-card-identity"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gw.coordinator.phase() == Phase.REGISTERED);
        Registration atFirst = leshan.server.getRegistrationService().getByEndpoint(ep);
        assertNotNull(atFirst, "Leshan's server saw the registration with the card's URI and PSK");
        assertEquals("psk=gw-card-identity", String.valueOf(atFirst.getClientTransportData().getIdentity()).replaceAll(".*\\[(.*)\\].*", "$1"));
        assertEquals(List.of("smartcard"), gw.coordinator.history().stream().map(a -> a.mode()).toList(), "one run, asked for by the insertion");
        assertEquals(List.of("registered " + ep), first, "registered once: no second run for the same card");
        LOG.info("Card read at the first bootstrap: {}", mode.status().lastResult());

        // an Update with the card unchanged goes through (the guard re-read the card)
        assertEquals(ResponseCode.CHANGED, leshan.server.send(atFirst, new ExecuteRequest(1, 1, 8), 5000).getCode());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.contains("updated " + ep));
        LOG.info("Card check before an Update: {}", mode.status().lastResult());

        // 2. new data on the card, card left in: the next Update is vetoed and the gateway moves to the other server
        vpcd.update(card(second.serverUri(Protocol.COAP), 2, null));
        int updates = (int) first.stream().filter(s -> s.startsWith("updated")).count();
        assertEquals(ResponseCode.CHANGED, leshan.server.send(atFirst, new ExecuteRequest(1, 1, 8), 5000).getCode());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> second.server.getRegistrationService().getByEndpoint(ep) != null
            && gw.coordinator.phase() == Phase.REGISTERED);
        assertEquals(updates, first.stream().filter(s -> s.startsWith("updated")).count(), "the vetoed Update never reached Leshan: " + first);
        assertTrue(gw.store.read(LwM2mPath.of(0, 1, 3)).isEmpty(), "the old PSK identity is gone with the old card data");
        assertEquals(2L, ((org.gatehouse.lwm2m.model.SingleResource) gw.store.read(LwM2mPath.of(1, 1, 0)).orElseThrow()).value().asLong());
        // after a veto nothing more is sent to the old server (its credentials came from the old data): its registration
        // is neither updated nor renewed, and lapses at the end of its lifetime
        assertEquals(atFirst.getId(), leshan.server.getRegistrationService().getByEndpoint(ep).getId());

        // 3. the card is pulled: its configuration is withdrawn and the gateway leaves the server it gave
        vpcd.remove();
        // Leshan's listeners hear of the de-registration after its registration store dropped it: wait for both
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gw.store.snapshot().objects().get(0) == null
            && second.server.getRegistrationService().getByEndpoint(ep) == null && next.contains("unregistered " + ep));
        assertFalse(mode.status().digest().isPresent());
        assertEquals(null, gw.store.snapshot().objects().get(1), "no card-derived Server instance left");
        assertTrue(next.contains("registered " + ep) && next.contains("unregistered " + ep), next.toString());
    }
}
