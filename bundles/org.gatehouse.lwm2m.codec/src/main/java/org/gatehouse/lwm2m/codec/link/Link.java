package org.gatehouse.lwm2m.codec.link;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A link: target URI reference and its parameters, in order.
 *
 * @since 1.0.0
 */
public record Link(String target, List<LinkAttribute> attributes) {

    public Link {
        Objects.requireNonNull(target, "target");
        if (target.indexOf('>') >= 0 || target.indexOf('<') >= 0) {
            throw new IllegalArgumentException("link target cannot contain '<' or '>': " + target);
        }
        attributes = List.copyOf(attributes);
    }

    public static Link of(String target, LinkAttribute... attributes) {
        return new Link(target, List.of(attributes));
    }

    /** The value of the first parameter called {@code name}; empty if absent or without value. */
    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(LinkAttribute::value).filter(Objects::nonNull).findFirst();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("<").append(target).append('>');
        attributes.forEach(a -> b.append(';').append(a));
        return b.toString();
    }
}
