package org.gatehouse.firmware.impl;

/** A download or package refused, with the Update Result (5) that says why. */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;
    private final int result;

    Refused(int result, String reason) {
        super(reason);
        this.result = result;
    }

    int result() {
        return result;
    }
}
