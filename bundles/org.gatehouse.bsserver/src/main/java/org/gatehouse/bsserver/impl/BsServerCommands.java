package org.gatehouse.bsserver.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.BootstrapServer;
import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** bsserver:list, show, add, remove, sessions, push. */
@Component(service = BsServerCommands.class, property = {"osgi.command.scope=bsserver", "osgi.command.function=list",
    "osgi.command.function=show", "osgi.command.function=add", "osgi.command.function=remove", "osgi.command.function=sessions", "osgi.command.function=push"})
public final class BsServerCommands {

    private static final String NL = System.lineSeparator();
    private final BootstrapConfigs configs;
    private final BootstrapStorage storage;

    // optional: the configuration commands work while the server is off (ports taken, not configured)
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BootstrapServer server;

    @Activate
    public BsServerCommands(@Reference BootstrapConfigs configs, @Reference BootstrapStorage storage) {
        this.configs = configs;
        this.storage = storage;
    }

    @Descriptor("List the bootstrap configurations: key, revision, last change")
    public String list() {
        List<String> lines = new ArrayList<>();
        for (StoredConfig c : configs.list()) {
            lines.add(String.format("%-40s revision %-4d %s", c.key(), c.revision(), c.updated()));
        }
        return lines.isEmpty() ? "No bootstrap configuration; add one with bsserver:add <file> or drop it into etc/bsserver/." : String.join(NL, lines);
    }

    @Descriptor("Show a bootstrap configuration, secrets masked")
    public String show(@Descriptor("endpoint name or prefix*") String key) {
        return configs.show(key).orElseGet(() -> missing("show", key));
    }

    @Descriptor("Add or replace a bootstrap configuration from a JSON file")
    public String add(@Descriptor("JSON file") String file) throws IOException {
        try {
            StoredConfig c = configs.put(Files.readString(Path.of(file)));
            return "Stored " + c.key() + " (revision " + c.revision() + ")";
        } catch (InvalidConfigException e) {
            return "Refused, nothing changed:" + NL + "  " + String.join(NL + "  ", e.problems());
        }
    }

    @Descriptor("Remove a bootstrap configuration and its endpoint's credentials (toward this bootstrap server and the gateway's LwM2M server)")
    public String remove(@Descriptor("endpoint name or prefix*") String key) {
        return configs.remove(key) ? "Removed " + key : missing("remove", key);
    }

    /** Gogo expands an unquoted * to the current folder's files and hands them over as ["a" "b" ...]: say so. */
    static String missing(String command, String key) {
        String hint = key.startsWith("[") && key.endsWith("]")
            ? " The shell expanded a * into file names: quote the key, e.g. bsserver:" + command + " 'bench-*'." : "";
        return "No configuration " + key + "; see bsserver:list." + hint;
    }

    @Descriptor("LwM2M 1.0 push: connect to a listening device and run its session without a Bootstrap-Request")
    public String push(@Descriptor("endpoint name") String endpoint, @Descriptor("the device's coap:// or coaps:// URI") String uri)
            throws InterruptedException {
        BootstrapServer s = server;
        if (s == null) {
            return "The bootstrap server is not running; see scr:info " + BootstrapServerComponent.PID + ".";
        }
        try {
            return s.push(endpoint, URI.create(uri)).toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "Still running; see bsserver:sessions " + endpoint + ".";
        }
    }

    @Descriptor("The last 20 bootstrap sessions, every request with its code")
    public String sessions() {
        return sessions(null);
    }

    @Descriptor("The last 20 bootstrap sessions of one endpoint, every request with its code")
    public String sessions(@Descriptor("endpoint name") String endpoint) {
        List<SessionRecord> records = storage.sessions(Optional.ofNullable(endpoint), 20);
        if (records.isEmpty()) {
            return "No bootstrap session" + (endpoint == null ? "" : " of " + endpoint) + ".";
        }
        StringBuilder b = new StringBuilder();
        for (SessionRecord r : records) {
            b.append(String.format("#%d %s on %s, %s: %s", r.id(), r.endpoint(), r.node(), r.started(), r.outcome().orElse("running")))
                .append(NL);
            r.events().forEach(e -> b.append("    ").append(e).append(NL));
        }
        return b.toString().stripTrailing();
    }
}
