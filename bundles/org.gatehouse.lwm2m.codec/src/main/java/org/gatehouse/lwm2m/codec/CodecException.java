package org.gatehouse.lwm2m.codec;

/**
 * A payload could not be encoded or decoded. The message says which format, where (byte offset or
 * record index) and what is wrong.
 *
 * @since 1.0.0
 */
public class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
