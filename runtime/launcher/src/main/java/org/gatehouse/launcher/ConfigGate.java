package org.gatehouse.launcher;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Waits until FileInstall has turned every etc/*.cfg into a ConfigAdmin configuration, so that the
 * gateway's components start with their configuration rather than without it and then again (an
 * endpoint name read too late would be sent to a bootstrap server too early).
 * ConfigAdmin is reached by reflection: the launcher's class path does not carry its API.
 */
final class ConfigGate {

    private ConfigGate() {
    }

    /** Returns the files still not applied when {@code timeoutMillis} ran out (empty when all were). */
    static List<String> await(BundleContext context, Path etc, long timeoutMillis) throws IOException, InterruptedException {
        List<String> pending = cfgFiles(etc);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            pending.removeIf(file -> applied(context, file));
            if (!pending.isEmpty()) {
                Thread.sleep(20);
            }
        }
        return pending;
    }

    private static List<String> cfgFiles(Path etc) throws IOException {
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(etc)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(etc, "*.cfg")) {
                s.forEach(p -> files.add(p.getFileName().toString()));
            }
        }
        return files;
    }

    private static boolean applied(BundleContext context, String file) {
        ServiceReference<?> ref = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        if (ref == null) {
            return false;
        }
        Object admin = context.getService(ref);
        try {
            Class<?> api = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Method list = api.getMethod("listConfigurations", String.class);
            Object found = list.invoke(admin, "(felix.fileinstall.filename=*/" + file + ")");
            return found != null && ((Object[]) found).length > 0;
        } catch (ReflectiveOperationException e) {
            return false;
        } finally {
            context.ungetService(ref);
        }
    }
}
