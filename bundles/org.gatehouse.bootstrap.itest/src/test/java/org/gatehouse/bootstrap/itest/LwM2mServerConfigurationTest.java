package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.gatehouse.coap.TransportException;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.server.impl.LwM2mServerComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An X.509 configuration of the LwM2M server that cannot work is refused at activation, saying what to set. */
class LwM2mServerConfigurationTest {

    private final CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class, Map.of()));

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"trust anchors without a certificate", "a certificate without its key"})
    void an_incomplete_x509_configuration_is_refused(String what) {
        Map<String, Object> config = what.startsWith("trust")
            ? Map.of("coap_port", -1, "coaps_port", 0, "x509_trust_anchor_files", new String[] {"ca.der"})
            : Map.of("coap_port", -1, "coaps_port", 0, "x509_certificate_file", "server.der");
        TransportException e = assertThrows(TransportException.class, () -> new LwM2mServerComponent(transport,
            ModelRegistry.of(CoreModels.all()), new CoreLinkCodec(), Configs.of(LwM2mServerComponent.Config.class, config)));
        assertEquals(TransportException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("x509.certificate.file") && e.getMessage().contains("rpk.private.key.file"), e.getMessage());
    }
}
