package org.gatehouse.bsserver;

import java.util.List;
import java.util.Optional;

import org.gatehouse.bsserver.storage.StoredConfig;

/**
 * The configurations a bootstrap server serves, one JSON document per endpoint name or name prefix
 * ({@code "foo*"}). A document is parsed and validated before anything is stored: a refused document
 * changes nothing. Implemented by the bootstrap-server bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapConfigs {

    /**
     * Validates {@code json} and stores it under the key its {@code "endpoint"} field names, with the
     * endpoint's credential (if it has one) for the bootstrap server's DTLS handshakes.
     *
     * @return the stored record
     * @throws InvalidConfigException with every reason the document was refused for
     */
    StoredConfig put(String json) throws InvalidConfigException;

    /** Removes the configuration of {@code key} and the credential of that endpoint; false if there was none. */
    boolean remove(String key);

    /** Every stored configuration, ordered by key. */
    List<StoredConfig> list();

    /** The configuration of {@code key} as JSON with every secret (keys, private keys) replaced by {@code "***"}. */
    Optional<String> show(String key);

    /** The configuration that serves {@code endpoint}: its own, else the one with the longest matching prefix. */
    Optional<StoredConfig> forEndpoint(String endpoint);
}
