package org.gatehouse.features;

/** A feature operation refused or failed; the message says why and what to do, and nothing was changed. */
public class FeatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
