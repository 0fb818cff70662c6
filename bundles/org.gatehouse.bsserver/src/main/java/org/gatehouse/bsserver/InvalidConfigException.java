package org.gatehouse.bsserver;

import java.util.List;

/**
 * A bootstrap configuration was refused; {@link #problems()} says every reason, each naming the
 * field at fault.
 *
 * @since 1.0.0
 */
public class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
