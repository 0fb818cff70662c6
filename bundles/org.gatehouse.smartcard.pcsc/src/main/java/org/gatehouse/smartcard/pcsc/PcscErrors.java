package org.gatehouse.smartcard.pcsc;

import org.gatehouse.smartcard.SmartcardException;
import org.gatehouse.smartcard.SmartcardException.Kind;

/** Maps what javax.smartcardio throws (its messages carry the PC/SC SCARD_* code) onto the API's kinds. */
final class PcscErrors {

    private PcscErrors() {
    }

    /** The PC/SC error code in a throwable's chain (e.g. "SCARD_E_NO_SERVICE"), or "". */
    static String code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            int i = m.indexOf("SCARD_");
            if (i >= 0) {
                int end = i;
                while (end < m.length() && (Character.isLetterOrDigit(m.charAt(end)) || m.charAt(end) == '_')) {
                    end++;
                }
                return m.substring(i, end);
            }
        }
        return "";
    }

    static Kind kind(Throwable t) {
        String code = code(t);
        return switch (code) {
            case "SCARD_W_REMOVED_CARD", "SCARD_E_NO_SMARTCARD", "SCARD_W_RESET_CARD", "SCARD_W_UNPOWERED_CARD" -> Kind.REMOVED;
            case "SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_E_READER_UNAVAILABLE", "SCARD_E_UNKNOWN_READER",
                "SCARD_E_NO_READERS_AVAILABLE", "SCARD_E_INVALID_HANDLE" -> Kind.UNAVAILABLE;
            case "SCARD_E_SHARING_VIOLATION", "SCARD_E_TIMEOUT" -> Kind.BUSY;
            default -> t instanceof IllegalStateException ? Kind.REMOVED : Kind.IO;
        };
    }

    static SmartcardException wrap(String doing, Throwable t) {
        Kind kind = kind(t);
        String code = code(t);
        return new SmartcardException(kind, doing + ": " + (kind == Kind.REMOVED ? "the card was removed or reset"
            : kind == Kind.UNAVAILABLE ? "the reader or pcscd is gone" : String.valueOf(t.getMessage()))
            + (code.isEmpty() ? "" : " (" + code + ")"), t);
    }

    /** pcscd is not running (or went away): every call fails until a new PC/SC context is made. */
    static boolean serviceGone(Throwable t) {
        String code = code(t);
        return code.equals("SCARD_E_NO_SERVICE") || code.equals("SCARD_E_SERVICE_STOPPED") || code.equals("SCARD_E_INVALID_HANDLE");
    }

    /** The JVM could not load libpcsclite: PC/SC cannot work in this process at all. */
    static boolean libraryMissing(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (c instanceof UnsatisfiedLinkError || m.contains("No PC/SC library") || m.contains("libpcsclite") || m.contains("PC/SC not available")) {
                return true;
            }
        }
        return false;
    }
}
