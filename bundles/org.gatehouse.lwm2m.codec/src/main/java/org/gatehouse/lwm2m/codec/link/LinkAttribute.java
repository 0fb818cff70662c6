package org.gatehouse.lwm2m.codec.link;

import java.util.Objects;

/**
 * One link parameter: {@code name}, {@code name=token} or {@code name="quoted string"}.
 *
 * @param value null for a parameter without value
 * @since 1.0.0
 */
public record LinkAttribute(String name, String value, boolean quoted) {

    public LinkAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !name.chars().allMatch(LinkAttribute::isNameChar)) {
            throw new IllegalArgumentException("invalid link parameter name '" + name + "'");
        }
        if (value == null && quoted) {
            throw new IllegalArgumentException("a parameter without value cannot be quoted");
        }
    }

    /** An unquoted value (numbers, versions, tokens); quoted automatically if it needs to be. */
    public static LinkAttribute token(String name, String value) {
        return new LinkAttribute(name, value, !value.chars().allMatch(LinkAttribute::isTokenChar) || value.isEmpty());
    }

    public static LinkAttribute quoted(String name, String value) {
        return new LinkAttribute(name, value, true);
    }

    public static LinkAttribute flag(String name) {
        return new LinkAttribute(name, null, false);
    }

    static boolean isNameChar(int c) {
        return Character.isLetterOrDigit(c) || c == '!' || c == '#' || c == '$' || c == '&' || c == '+' || c == '-'
            || c == '.' || c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
    }

    static boolean isTokenChar(int c) {
        return isNameChar(c) || c == ':' || c == '/' || c == '%' || c == '*' || c == '\'';
    }

    @Override
    public String toString() {
        if (value == null) {
            return name;
        }
        return quoted ? name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : name + "=" + value;
    }
}
