package org.gatehouse.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.endpoint.EndpointIdentity;
import org.gatehouse.lwm2m.model.InvalidPathException;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** lwm2m:objects, lwm2m:read, lwm2m:models, lwm2m:endpoint. They return text; Gogo prints it. */
@Component(service = Lwm2mCommands.class, property = {"osgi.command.scope=lwm2m",
    "osgi.command.function=objects", "osgi.command.function=read", "osgi.command.function=models",
    "osgi.command.function=endpoint"})
public final class Lwm2mCommands {

    private final ObjectStore store;
    private final ModelRegistry models;
    private final EndpointIdentity endpoint;

    @Activate
    public Lwm2mCommands(@Reference ObjectStore store, @Reference ModelRegistry models, @Reference EndpointIdentity endpoint) {
        this.store = store;
        this.models = models;
        this.endpoint = endpoint;
    }

    @Descriptor("List the objects and instances present in the object store")
    public String objects() {
        ObjectTree tree = store.snapshot();
        if (tree.objects().isEmpty()) {
            return "The object store is empty (revision " + tree.revision() + ").";
        }
        List<String> lines = new ArrayList<>();
        lines.add("revision " + tree.revision());
        for (LwM2mObject o : tree.objects().values()) {
            String name = models.find(o.id()).map(ObjectModel::name).orElse("(no model)");
            String instances = o.instances().keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
            lines.add(String.format("/%-6d %-28s instances: %s", o.id(), name, instances.isEmpty() ? "none" : instances));
        }
        return String.join(System.lineSeparator(), lines);
    }

    @Descriptor("Read a node of the object store; secret keys print as ***")
    public String read(@Descriptor("path such as /0, /1/0 or /3/0/0") String path) {
        LwM2mPath p;
        try {
            p = LwM2mPath.parse(path);
        } catch (InvalidPathException e) {
            return "Invalid path: " + e.getMessage() + ". Use /object[/instance[/resource[/instance]]], e.g. /1/0.";
        }
        return store.read(p).map(n -> String.join(System.lineSeparator(), NodeLines.of(p, n)))
            .orElse("Nothing at " + p + ". See lwm2m:objects for what is present.");
    }

    @Descriptor("List the object models known to the gateway (embedded and from etc/models)")
    public String models() {
        List<String> lines = new ArrayList<>();
        for (ObjectModel m : models.models().all()) {
            lines.add(String.format("%-6d v%-4s %-40s %d resources", m.id(), m.objectVersion(), m.name(), m.resources().size()));
        }
        models.problems().forEach(p -> lines.add("NOT LOADED: " + p));
        return String.join(System.lineSeparator(), lines);
    }

    @Descriptor("Show the LwM2M Endpoint Client Name of this gateway")
    public String endpoint() {
        return endpoint.name() + (endpoint.generated() ? " (generated; set 'name' in etc/org.gatehouse.endpoint.cfg to choose one)" : "");
    }
}
