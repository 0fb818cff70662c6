package org.gatehouse.bootstrap;

import java.util.List;

/**
 * A bootstrap step was refused; {@link #problems()} lists why, one readable line each.
 *
 * @since 1.0.0
 */
public class BootstrapException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public BootstrapException(String message) {
        this(message, List.of(message), null);
    }

    public BootstrapException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
