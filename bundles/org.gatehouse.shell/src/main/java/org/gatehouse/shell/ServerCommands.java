package org.gatehouse.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.lwm2m.client.RegistrationStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** lwm2m:servers. */
@Component(service = ServerCommands.class, property = {"osgi.command.scope=lwm2m", "osgi.command.function=servers"})
public final class ServerCommands {

    private final RegistrationStatus registrations;

    @Activate
    public ServerCommands(@Reference RegistrationStatus registrations) {
        this.registrations = registrations;
    }

    @Descriptor("List the LwM2M server accounts: URI, Short Server ID, registration and next update")
    public String servers() {
        List<String> lines = new ArrayList<>();
        for (RegistrationStatus.Server s : registrations.servers()) {
            lines.add(String.format("ssid %-5d %-40s %s", s.ssid(), s.uri(), s.registered()
                ? "registered as " + s.registrationId() + ", next update " + s.nextUpdate()
                : "not registered" + (s.lastError().isEmpty() ? "" : ": " + s.lastError())));
        }
        return lines.isEmpty() ? "No LwM2M server account; see bootstrap:status." : String.join(System.lineSeparator(), lines);
    }
}
