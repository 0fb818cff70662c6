package org.gatehouse.bsserver.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** bsserver:list, show, add, remove, sessions. */
@Component(service = BsServerCommands.class, property = {"osgi.command.scope=bsserver", "osgi.command.function=list",
    "osgi.command.function=show", "osgi.command.function=add", "osgi.command.function=remove", "osgi.command.function=sessions"})
public final class BsServerCommands {

    private static final String NL = System.lineSeparator();
    private final BootstrapConfigs configs;
    private final BootstrapStorage storage;

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
        return configs.show(key).orElse("No configuration " + key + "; see bsserver:list.");
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

    @Descriptor("Remove a bootstrap configuration and its endpoint credential")
    public String remove(@Descriptor("endpoint name or prefix*") String key) {
        return configs.remove(key) ? "Removed " + key : "No configuration " + key + "; see bsserver:list.";
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
