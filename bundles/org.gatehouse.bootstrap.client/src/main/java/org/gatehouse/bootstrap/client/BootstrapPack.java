package org.gatehouse.bootstrap.client;

import java.time.Duration;
import java.util.List;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * Bootstrap-Pack-Request (LwM2M 1.2): GET /bspack, and every object in the answer replaces that
 * object's instances, checked and committed like a Bootstrap-Finish. No Finish follows.
 */
final class BootstrapPack {

    private final CoapTransport transport;
    private final ClientInitiatedMode.Config config;
    private final ContentCodec senmlCbor;
    private final ModelLookup models;

    BootstrapPack(CoapTransport transport, ContentCodec senmlCbor, ModelLookup models, ClientInitiatedMode.Config config) {
        this.transport = transport;
        this.senmlCbor = senmlCbor;
        this.models = models;
        this.config = config;
    }

    ModeOutcome once(BootstrapContext context, SecurityAccount account) {
        CoapResponse response;
        try (Connection c = transport.open(account.peer(), RequestHandler.REFUSE)) {
            response = c.send(CoapRequest.of(Method.GET, "/bspack").withQuery(List.of("ep=" + context.endpointName()))
                .withAccept(senmlCbor.format().code()), Duration.ofMillis(config.request_timeout()));
        } catch (TransportException | AccountException e) {
            return ModeOutcome.failed(e.getMessage(), account.uri());
        }
        if (response.code() != ResponseCode.CONTENT) {
            return ModeOutcome.failed("Bootstrap-Pack-Request answered " + response, account.uri());
        }
        try (BootstrapSession session = context.openSession("bootstrap:" + account.uri())) {
            session.replaceObjects(senmlCbor.decodeObjects(response.payload(), models));
            session.finishWithServerAccount();
            return ModeOutcome.configured("bootstrap pack from " + account.uri(), account.uri());
        } catch (CodecException e) {
            return ModeOutcome.failed("bootstrap pack unreadable: " + e.getMessage(), account.uri());
        } catch (AccountException e) {
            return ModeOutcome.failed("bootstrap pack refused: " + String.join("; ", e.problems()), account.uri());
        }
    }
}
