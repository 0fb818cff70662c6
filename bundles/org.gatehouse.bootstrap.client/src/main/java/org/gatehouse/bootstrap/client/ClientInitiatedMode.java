package org.gatehouse.bootstrap.client;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapInterface;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Client-initiated bootstrap with the bootstrap-server account of the store. */
@Component(property = BootstrapMode.MODE + "=" + BootstrapMode.CLIENT, configurationPid = ClientInitiatedMode.PID)
@Designate(ocd = ClientInitiatedMode.Config.class)
public final class ClientInitiatedMode implements BootstrapMode {

    static final String PID = "org.gatehouse.bootstrap.client";
    private static final Logger LOG = LoggerFactory.getLogger(ClientInitiatedMode.class);

    @ObjectClassDefinition(name = "Gatehouse client-initiated bootstrap", description = "Bootstrap-Request to the bootstrap-server account")
    public @interface Config {
        @AttributeDefinition(description = "Preferred content format sent as pct (112 SenML CBOR, 110 SenML JSON, 11542 TLV)")
        int preferred_content_format() default 112;

        @AttributeDefinition(description = "Bootstrap-Request attempts per sequence")
        int attempts() default 5;

        @AttributeDefinition(description = "Longest wait between attempts, seconds (hold-off and back-off are capped by it)")
        long max_backoff() default 300;

        @AttributeDefinition(description = "Seconds without a request from the bootstrap server before the bootstrap fails (EXCHANGE_LIFETIME)")
        long finish_timeout() default 247;

        @AttributeDefinition(description = "Seconds the connection stays open after Bootstrap-Finish was answered, so that a Finish the "
            + "bootstrap server retransmits (its 2.04 lost) is answered again (MAX_TRANSMIT_SPAN with the default CoAP timers; 0 closes at once)")
        long finish_linger() default 45;

        @AttributeDefinition(description = "Milliseconds to wait for the answer to Bootstrap-Request")
        long request_timeout() default 93000;

        @AttributeDefinition(description = "Try Bootstrap-Pack-Request (LwM2M 1.2, GET /bspack) first, falling back to Bootstrap-Request on any error")
        boolean bootstrap_pack() default false;
    }

    private final BootstrapRun run;
    private final BootstrapPack pack;
    private final Config config;
    private final AccountPurge purge;
    private final Random random;
    private final Pause pause;
    private final Linger linger = new Linger();

    @Activate
    public ClientInitiatedMode(BundleContext bundle, @Reference CoapTransport transport, @Reference BootstrapInterface bootstrapInterface,
            @Reference ObjectStore store, @Reference(target = "(" + ContentCodec.CONTENT_FORMAT + "=112)") ContentCodec senmlCbor,
            @Reference ModelRegistry models, Config config) {
        this(transport, bootstrapInterface, store, senmlCbor, models, config, bundle.getDataFile(PURGE_FILE).toPath());
    }

    /** @param purgeState where the bootstrap-server account's purge deadline is kept across restarts */
    public ClientInitiatedMode(CoapTransport transport, BootstrapInterface bootstrapInterface, ObjectStore store, ContentCodec senmlCbor,
            ModelRegistry models, Config config, Path purgeState) {
        this(transport, bootstrapInterface, store, senmlCbor, models, config, purgeState, Pause.REAL, new Random());
    }

    ClientInitiatedMode(CoapTransport transport, BootstrapInterface bootstrapInterface, ObjectStore store, ContentCodec senmlCbor,
            ModelRegistry models, Config config, Path purgeState, Pause pause, Random random) {
        this.pause = pause;
        this.random = random;
        this.run = new BootstrapRun(transport, bootstrapInterface, config, linger);
        this.pack = new BootstrapPack(transport, senmlCbor, models, config);
        this.config = config;
        this.purge = new AccountPurge(store, purgeState, System::currentTimeMillis);
        purge.resume();
    }

    /** In the bundle's data area (data/ of the distribution): not object-tree data, so not in the object store. */
    static final String PURGE_FILE = "bootstrap-account-purge.properties";

    @Override
    public ModeOutcome run(BootstrapContext context) throws InterruptedException {
        Optional<SecurityAccount> account;
        try {
            account = SecurityAccount.bootstrapServer(context.current());
        } catch (AccountException e) {
            return ModeOutcome.failed("bootstrap-server account unusable: " + e.getMessage(), "");
        }
        if (account.isEmpty()) {
            return ModeOutcome.skipped("no bootstrap-server account");
        }
        Backoff backoff = new Backoff(account.get().holdOffSeconds() * 1000, config.max_backoff() * 1000, random);
        ModeOutcome outcome = ModeOutcome.skipped("no attempt");
        for (int n = 0; n < config.attempts() && !context.cancelled(); n++) {
            long wait = backoff.delayMillis(n);
            if (wait > 0) {
                LOG.info("Bootstrap-Request to {} in {} ms (attempt {} of {})", account.get().uri(), wait, n + 1, config.attempts());
                if (!pause.pause(wait, context)) {
                    break;
                }
            }
            if (config.bootstrap_pack()) {
                outcome = pack.once(context, account.get());
                if (outcome.result() == ModeOutcome.Result.CONFIGURED) {
                    schedulePurge(context);
                    return outcome;
                }
                LOG.info("Bootstrap-Pack-Request did not configure the gateway ({}); using Bootstrap-Request", outcome.detail());
            }
            outcome = run.once(context, account.get());
            if (outcome.result() == ModeOutcome.Result.CONFIGURED) {
                schedulePurge(context);
                return outcome;
            }
            LOG.warn("Bootstrap attempt {} failed: {}", n + 1, outcome.detail());
        }
        return outcome;
    }

    // The timeout is the one the bootstrap just wrote (/0/x/12 of the new account), not the old one's.
    private void schedulePurge(BootstrapContext context) {
        try {
            var tree = context.current();
            Optional<SecurityAccount> account = SecurityAccount.bootstrapServer(tree);
            if (account.isPresent()) {
                LwM2mPath path = LwM2mPath.of(ObjectIds.SECURITY, account.get().instanceId());
                purge.schedule(account.get(), (LwM2mObjectInstance) tree.read(path).orElseThrow());
            }
        } catch (AccountException e) {
            LOG.warn("Bootstrap-server account unreadable after bootstrap: {}", e.getMessage());
        }
    }

    @Deactivate
    public void deactivate() {
        linger.close();
        purge.close();
    }

}
