package org.gatehouse.bsserver.impl;

import java.util.List;
import java.util.Optional;

import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configurations, validated here and kept in the bootstrap-server storage with their endpoint credentials: the one
 * toward this bootstrap server, and the one toward the gateway's LwM2M server that a {@code localServer} account gives.
 */
@Component(service = BootstrapConfigs.class)
public final class ConfigStore implements BootstrapConfigs {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final BootstrapStorage storage;
    private final ConfigCache parsed;

    @Activate
    public ConfigStore(@Reference BootstrapStorage storage, @Reference ModelRegistry models) {
        this.storage = storage;
        this.parsed = new ConfigCache(new ConfigParser(models));
    }

    /** Documents parsed here, stored or read: the bootstrap server's requests find a document put here already parsed. */
    ConfigCache parsed() {
        return parsed;
    }

    @Override
    public StoredConfig put(String json) throws InvalidConfigException {
        EndpointConfig config = parsed.parse(json).config();
        // the credential first: a configuration is never served without the credential it names
        if (config.credential().isPresent()) {
            storage.putCredential(config.credential().get());
        } else if (!config.isPrefix()) {
            storage.removeCredential(config.key());
        }
        // the document of an endpoint owns its credential for the gateway's LwM2M server, as it owns the one above
        if (config.localServerCredential().isPresent()) {
            storage.putCredential(CredentialRole.LWM2M_SERVER, config.localServerCredential().get());
        } else if (!config.isPrefix()) {
            storage.removeCredential(CredentialRole.LWM2M_SERVER, config.key());
        }
        StoredConfig stored = storage.putConfig(config.key(), json);
        LOG.info("Bootstrap configuration {} stored (revision {})", stored.key(), stored.revision());
        return stored;
    }

    @Override
    public boolean remove(String key) {
        boolean removed = storage.removeConfig(key);
        if (!key.endsWith("*")) {
            storage.removeCredential(key);
            storage.removeCredential(CredentialRole.LWM2M_SERVER, key);
        }
        if (removed) {
            LOG.info("Bootstrap configuration {} removed", key);
        }
        return removed;
    }

    @Override
    public List<StoredConfig> list() {
        return storage.configs();
    }

    @Override
    public Optional<String> show(String key) {
        return storage.config(key).map(c -> Masking.masked(c.json()));
    }

    @Override
    public Optional<StoredConfig> forEndpoint(String endpoint) {
        return storage.configFor(endpoint); // one query: the endpoint's own key and every prefix of it at once
    }
}
