package org.gatehouse.shell;

import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.bootstrap.BootstrapCoordinator.Attempt;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** bootstrap:status, bootstrap:modes, bootstrap:start, bootstrap:history. */
@Component(service = BootstrapCommands.class, property = {"osgi.command.scope=bootstrap", "osgi.command.function=status",
    "osgi.command.function=modes", "osgi.command.function=start", "osgi.command.function=history"})
public final class BootstrapCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final BootstrapCoordinator coordinator;

    @Activate
    public BootstrapCommands(@Reference BootstrapCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Descriptor("Show the bootstrap phase and the last attempt: mode, when, against which server, outcome")
    public String status() {
        List<String> lines = new ArrayList<>();
        lines.add("phase: " + coordinator.phase());
        Optional<Attempt> last = coordinator.last();
        if (last.isEmpty()) {
            lines.add("no bootstrap attempt yet");
        } else {
            Attempt a = last.get();
            lines.add("last mode: " + a.mode() + " at " + TIME.format(a.at()) + " (" + a.millis() + " ms)");
            lines.add("outcome: " + a.outcome().result() + (a.outcome().server().isEmpty() ? "" : " with " + a.outcome().server()));
            if (!a.outcome().detail().isEmpty()) {
                lines.add((a.outcome().result().name().equals("FAILED") ? "last error: " : "detail: ") + a.outcome().detail());
            }
        }
        return String.join(System.lineSeparator(), lines);
    }

    @Descriptor("List the bootstrap modes installed")
    public String modes() {
        List<String> modes = coordinator.modes();
        return modes.isEmpty() ? "No bootstrap mode installed: add one (factory, client, ...) to deploy/ or a feature." : String.join(System.lineSeparator(), modes);
    }

    @Descriptor("Run the bootstrap sequence now")
    public String start() {
        coordinator.start(Optional.empty());
        return "Bootstrap sequence started; see bootstrap:status.";
    }

    @Descriptor("Run one bootstrap mode now, then register")
    public String start(@Descriptor("mode: factory, client, smartcard or server") String mode) {
        if (!coordinator.modes().contains(mode)) {
            return "No mode '" + mode + "'. Installed: " + coordinator.modes();
        }
        coordinator.start(Optional.of(mode));
        return "Bootstrap mode " + mode + " started; see bootstrap:status.";
    }

    @Descriptor("List the last bootstrap attempts, newest first")
    public String history() {
        List<String> lines = new ArrayList<>();
        for (Attempt a : coordinator.history()) {
            lines.add(String.format("%s  %-9s %-10s %6d ms  %s", TIME.format(a.at()), a.mode(), a.outcome().result(), a.millis(),
                a.outcome().detail()));
        }
        return lines.isEmpty() ? "No bootstrap attempt yet." : String.join(System.lineSeparator(), lines);
    }
}
