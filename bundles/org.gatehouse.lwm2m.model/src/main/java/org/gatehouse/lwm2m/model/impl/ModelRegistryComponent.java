package org.gatehouse.lwm2m.model.impl;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ModelSet;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Publishes the embedded core models merged with the DDF files of the models folder. */
@Component(service = ModelRegistry.class, configurationPid = ModelRegistryComponent.PID)
@Designate(ocd = ModelRegistryComponent.Config.class)
public final class ModelRegistryComponent implements ModelRegistry {

    static final String PID = "org.gatehouse.lwm2m.models";

    @ObjectClassDefinition(name = "Gatehouse LwM2M object models",
        description = "Where user-supplied OMA DDF XML object definitions are read from")
    public @interface Config {
        @AttributeDefinition(description = "Folder of DDF XML files; empty means <gateway>/etc/models")
        String directory() default "";

        @AttributeDefinition(description = "Minimum milliseconds between two checks of the folder for changes")
        long rescan_interval() default 1000;
    }

    private final ModelFolder folder;

    @Activate
    public ModelRegistryComponent(BundleContext context, Config config) {
        this.folder = new ModelFolder(directory(context, config), config.rescan_interval());
    }

    private static Path directory(BundleContext context, Config config) {
        if (!config.directory().isBlank()) {
            return Path.of(config.directory());
        }
        String etc = context.getProperty("gatehouse.etc");
        return etc == null ? null : Path.of(etc, "models");
    }

    @Override
    public Optional<ObjectModel> find(int objectId) {
        return folder.current().find(objectId);
    }

    @Override
    public ModelSet models() {
        return folder.current();
    }

    @Override
    public List<String> problems() {
        folder.current();
        return folder.problems();
    }
}
