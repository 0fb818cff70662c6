package org.gatehouse.lwm2m.server.impl;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a Register or an Update says; in an Update every part is optional (absent = unchanged).
 *
 * @param endpoint empty in an Update
 * @param objects  link targets below the root path; absent when the request had no payload
 */
record RegisterParams(Optional<String> endpoint, Optional<String> lwm2mVersion, Optional<Duration> lifetime, Optional<String> binding,
        Optional<Boolean> queueMode, Optional<String> rootPath, Optional<List<String>> objects) {
}
