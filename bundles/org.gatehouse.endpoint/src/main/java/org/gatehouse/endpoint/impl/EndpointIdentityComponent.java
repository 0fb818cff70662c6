package org.gatehouse.endpoint.impl;

import java.io.IOException;
import java.nio.file.Path;

import org.gatehouse.endpoint.EndpointIdentity;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the name from etc/org.gatehouse.endpoint.cfg; without one, generates it once into data/. */
@Component(service = EndpointIdentity.class, configurationPid = "org.gatehouse.endpoint")
@Designate(ocd = EndpointIdentityComponent.Config.class)
public final class EndpointIdentityComponent implements EndpointIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointIdentityComponent.class);

    @ObjectClassDefinition(name = "Gatehouse endpoint", description = "The LwM2M Endpoint Client Name of this gateway")
    public @interface Config {
        @AttributeDefinition(description = "Endpoint Client Name (e.g. urn:imei:...); empty means a urn:uuid generated once and kept in data/endpoint-name")
        String name() default "";
    }

    private final String name;
    private final boolean generated;

    @Activate
    public EndpointIdentityComponent(BundleContext context, Config config) throws IOException {
        if (!config.name().isBlank()) {
            this.name = config.name().trim();
            this.generated = false;
        } else {
            String data = context.getProperty("gatehouse.data");
            Path file = data != null ? Path.of(data, "endpoint-name") : context.getDataFile("endpoint-name").toPath();
            this.name = PersistentName.loadOrCreate(file);
            this.generated = true;
        }
        LOG.info("Endpoint Client Name: {}{}", name, generated ? " (generated)" : "");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean generated() {
        return generated;
    }
}
