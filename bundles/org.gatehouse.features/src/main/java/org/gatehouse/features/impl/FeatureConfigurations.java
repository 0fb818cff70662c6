package org.gatehouse.features.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feature's configurations in ConfigAdmin. Each one created is tagged with the feature's name
 * (property {@value #TAG}); uninstalling deletes only the tagged ones. A PID that is already
 * configured (an etc/*.cfg file, an earlier edit) is left as it is: the operator's configuration wins.
 */
final class FeatureConfigurations {

    static final String TAG = "gatehouse.feature";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureConfigurations.class);

    private final ConfigurationAdmin admin;

    FeatureConfigurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** Creates the configurations of {@code feature} not present yet; returns the PIDs created. */
    List<String> apply(String feature, Map<String, Map<String, Object>> configurations) throws IOException {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> c : configurations.entrySet()) {
            String pid = c.getKey();
            if (exists(pid)) {
                LOG.info("Feature {}: configuration {} already present, kept as it is", feature, pid);
                continue;
            }
            int tilde = pid.indexOf('~');
            // "?" binds the configuration to no bundle location in particular, as FileInstall does
            Configuration config = tilde < 0 ? admin.getConfiguration(pid, "?")
                : admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
            Hashtable<String, Object> props = new Hashtable<>(c.getValue());
            props.put(TAG, feature);
            config.update(props);
            created.add(pid);
        }
        if (!created.isEmpty()) {
            LOG.info("Feature {}: configurations {} applied", feature, created);
        }
        return created;
    }

    /** Deletes the configurations {@code feature} created; returns their PIDs. */
    List<String> remove(String feature) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (Configuration c : list("(" + TAG + "=" + escape(feature) + ")")) {
            deleted.add(c.getPid());
            c.delete();
        }
        if (!deleted.isEmpty()) {
            LOG.info("Feature {}: configurations {} deleted", feature, deleted);
        }
        return deleted;
    }

    /** The features that have tagged configurations in ConfigAdmin. */
    java.util.Set<String> tagged() throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Configuration c : list("(" + TAG + "=*)")) {
            names.add(String.valueOf(c.getProperties().get(TAG)));
        }
        return names;
    }

    private boolean exists(String pid) throws IOException {
        return !list("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + escape(pid) + ")").isEmpty();
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IOException("bad configuration filter " + filter, e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
