package org.gatehouse.lwm2m.client;

import java.util.List;

/**
 * An account or configuration is unusable; {@link #problems()} lists why, one readable line each.
 *
 * @since 1.0.0
 */
public class AccountException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public AccountException(String message) {
        this(message, List.of(message), null);
    }

    public AccountException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
