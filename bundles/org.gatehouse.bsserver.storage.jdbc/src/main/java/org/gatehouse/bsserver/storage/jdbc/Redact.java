package org.gatehouse.bsserver.storage.jdbc;

import java.util.regex.Pattern;

/** Takes passwords out of JDBC urls before they are logged or put in a message. */
final class Redact {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");

    private Redact() {
    }

    static String url(String url) {
        if (url == null) {
            return null;
        }
        return USER_INFO.matcher(PASSWORD.matcher(url).replaceAll("$1***")).replaceAll("$1:***@");
    }
}
