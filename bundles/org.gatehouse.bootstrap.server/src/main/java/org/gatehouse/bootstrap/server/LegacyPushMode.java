package org.gatehouse.bootstrap.server;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapInterface;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Server-initiated bootstrap in its LwM2M 1.0 form. At its step (after registration failed or found
 * no server account, before client-initiated bootstrap) the gateway listens, as the DTLS server, for
 * the bootstrap server of its bootstrap-server account to push a configuration, for the Client Hold
 * Off Time (/0/x/11); when nothing comes, the sequence goes on to client-initiated bootstrap. Off
 * unless enabled: 1.1 and later replaced this with /1/x/9, which the registration bundle serves.
 */
@Component(property = {BootstrapMode.MODE + "=" + BootstrapMode.SERVER, BootstrapMode.STEP + ":Integer=" + LegacyPushMode.STEP},
        configurationPid = LegacyPushMode.PID)
@Designate(ocd = LegacyPushMode.Config.class)
public final class LegacyPushMode implements BootstrapMode {

    static final String PID = "org.gatehouse.bootstrap.server";
    /** After registration (300), before client-initiated bootstrap (400). */
    static final int STEP = 350;

    @ObjectClassDefinition(name = "Gatehouse server-initiated bootstrap (LwM2M 1.0 push)",
            description = "Listen for the bootstrap server to push a configuration before falling back to client-initiated bootstrap")
    public @interface Config {
        @AttributeDefinition(description = "Listen for a push at all (LwM2M 1.0 behaviour; 1.1 servers use /1/x/9 instead)")
        boolean enabled() default false;

        @AttributeDefinition(description = "Address to listen on; 0.0.0.0 for every interface")
        String address() default "0.0.0.0";

        @AttributeDefinition(description = "UDP port to listen on (CoAP, or DTLS when the bootstrap-server account is secured)")
        int port() default 5693;

        @AttributeDefinition(description = "Seconds to listen when the account has no Client Hold Off Time (/0/x/11)")
        long default_hold_off() default 30;

        @AttributeDefinition(description = "Seconds without a request from the pushing server before the push fails")
        long finish_timeout() default 247;
    }

    private final Config config;
    private final PushWindow window;

    @Activate
    public LegacyPushMode(@Reference CoapTransport transport, @Reference BootstrapInterface bootstrapInterface, Config config) {
        this.config = config;
        this.window = new PushWindow(transport, bootstrapInterface, new InetSocketAddress(config.address(), config.port()),
            config.finish_timeout());
    }

    @Override
    public ModeOutcome run(BootstrapContext context) throws InterruptedException {
        if (!config.enabled()) {
            return ModeOutcome.skipped("the 1.0 push is not enabled (" + PID + " enabled=true)");
        }
        Optional<SecurityAccount> account;
        try {
            account = SecurityAccount.bootstrapServer(context.current());
        } catch (AccountException e) {
            return ModeOutcome.failed("bootstrap-server account unusable: " + e.getMessage(), "");
        }
        if (account.isEmpty()) {
            return ModeOutcome.skipped("no bootstrap-server account to accept a push from");
        }
        long holdOff = account.get().holdOffSeconds() > 0 ? account.get().holdOffSeconds() : config.default_hold_off();
        return window.await(context, account.get(), holdOff * 1000);
    }
}
