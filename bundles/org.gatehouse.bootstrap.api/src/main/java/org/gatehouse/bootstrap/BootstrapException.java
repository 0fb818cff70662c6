package org.gatehouse.bootstrap;

import java.util.List;

import org.gatehouse.lwm2m.client.AccountException;

/**
 * A bootstrap step was refused; {@link #problems()} lists why, one readable line each.
 *
 * @since 1.0.0
 */
public class BootstrapException extends AccountException {
    private static final long serialVersionUID = 1L;

    public BootstrapException(String message) {
        super(message);
    }

    public BootstrapException(String message, List<String> problems, Throwable cause) {
        super(message, problems, cause);
    }
}
