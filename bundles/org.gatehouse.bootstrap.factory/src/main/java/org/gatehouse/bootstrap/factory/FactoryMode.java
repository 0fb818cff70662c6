package org.gatehouse.bootstrap.factory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Factory bootstrap: applies the manufacturer's configuration file (SenML JSON, absolute paths) once,
 * and again whenever the file changes. Each object in the file replaces that object's instances.
 */
@Component(property = BootstrapMode.MODE + "=" + BootstrapMode.FACTORY, configurationPid = FactoryMode.PID)
@Designate(ocd = FactoryMode.Config.class)
public final class FactoryMode implements BootstrapMode {

    static final String PID = "org.gatehouse.bootstrap.factory";

    @ObjectClassDefinition(name = "Gatehouse factory bootstrap", description = "The manufacturer's pre-configuration")
    public @interface Config {
        @AttributeDefinition(description = "SenML JSON file (content format 110) with absolute paths; empty means <gateway>/etc/factory-bootstrap.json")
        String file() default "";
    }

    private final ContentCodec senml;
    private final ModelRegistry models;
    private final Path file;
    private final Path applied;

    @Activate
    public FactoryMode(@Reference(target = "(" + ContentCodec.CONTENT_FORMAT + "=110)") ContentCodec senml, @Reference ModelRegistry models,
            BundleContext context, Config config) {
        this(senml, models, file(context, config), stateFile(context));
    }

    /** Wiring without a framework (tests, tools). */
    public FactoryMode(ContentCodec senml, ModelRegistry models, Path file, Path applied) {
        this.senml = senml;
        this.models = models;
        this.file = file;
        this.applied = applied;
    }

    private static Path file(BundleContext context, Config config) {
        if (!config.file().isBlank()) {
            return Path.of(config.file());
        }
        String etc = context.getProperty("gatehouse.etc");
        return etc != null ? Path.of(etc, "factory-bootstrap.json") : context.getDataFile("factory-bootstrap.json").toPath();
    }

    private static Path stateFile(BundleContext context) {
        String data = context.getProperty("gatehouse.data");
        return data != null ? Path.of(data, "factory-applied.sha256") : context.getDataFile("factory-applied.sha256").toPath();
    }

    @Override
    public ModeOutcome run(BootstrapContext context) {
        if (!Files.exists(file)) {
            return ModeOutcome.skipped("no factory configuration at " + file);
        }
        try {
            byte[] content = Files.readAllBytes(file);
            String digest = sha256(content);
            if (Files.exists(applied) && Files.readString(applied).trim().equals(digest)) {
                return ModeOutcome.skipped(file + " already applied");
            }
            List<LwM2mObject> objects = senml.decodeObjects(content, models);
            // the mode's name is the writer, so that what the factory file provisioned can be told apart later
            try (BootstrapSession session = context.openSession(BootstrapMode.FACTORY)) {
                session.replaceObjects(objects);
                session.finish();
            }
            Files.createDirectories(applied.getParent());
            Files.writeString(applied, digest + "\n");
            return ModeOutcome.configured(objects.size() + " object(s) from " + file, file.toString());
        } catch (CodecException e) {
            return ModeOutcome.failed(file + " refused, nothing applied: " + e.getMessage(), file.toString());
        } catch (BootstrapException e) {
            return ModeOutcome.failed(file + " refused, nothing applied: " + String.join("; ", e.problems()), file.toString());
        } catch (IOException e) {
            return ModeOutcome.failed("cannot read " + file + ": " + e.getMessage(), file.toString());
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
