package org.gatehouse.lwm2m.server.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkCodec;

/** Reads the query parameters and the object list of a Register or an Update; a defect throws with what is wrong. */
final class RequestParser {

    private final LinkCodec links;

    RequestParser(LinkCodec links) {
        this.links = links;
    }

    RegisterParams parse(CoapRequest request) {
        Optional<String> ep = Optional.empty();
        Optional<String> version = Optional.empty();
        Optional<Duration> lifetime = Optional.empty();
        Optional<String> binding = Optional.empty();
        boolean queueFlag = false;
        for (String q : request.query()) {
            int eq = q.indexOf('=');
            String name = eq < 0 ? q : q.substring(0, eq);
            String value = eq < 0 ? "" : q.substring(eq + 1);
            switch (name) {
                case "ep" -> ep = Optional.of(nonEmpty(name, value));
                case "lwm2m" -> version = Optional.of(nonEmpty(name, value));
                case "lt" -> lifetime = Optional.of(Duration.ofSeconds(positive(value)));
                case "b" -> binding = Optional.of(nonEmpty(name, value));
                case "Q" -> queueFlag = true; // LwM2M 1.1: queue mode is its own parameter
                default -> { } // sms, ver and future parameters: not needed to manage the device
            }
        }
        // LwM2M 1.0 says queue mode in the binding ("UQ"); 1.1 with the Q parameter.
        Optional<Boolean> queue = queueFlag ? Optional.of(true) : binding.map(b -> b.contains("Q"));
        if (request.payload().length == 0) {
            return new RegisterParams(ep, version, lifetime, binding, queue, Optional.empty(), Optional.empty());
        }
        String root = "/";
        List<String> objects = new ArrayList<>();
        for (Link link : decode(request.payload())) {
            if (link.attribute("rt").filter("oma.lwm2m"::equals).isPresent()) {
                root = link.target();
            } else {
                objects.add(link.target());
            }
        }
        String prefix = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        List<String> relative = objects.stream().map(t -> !prefix.isEmpty() && t.startsWith(prefix + "/") ? t.substring(prefix.length()) : t)
            .toList();
        return new RegisterParams(ep, version, lifetime, binding, queue, Optional.of(root), Optional.of(relative));
    }

    private List<Link> decode(byte[] payload) {
        try {
            return links.decode(payload);
        } catch (CodecException e) {
            throw new IllegalArgumentException("object list is not CoRE link format: " + e.getMessage(), e);
        }
    }

    private static String nonEmpty(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + " has no value");
        }
        return value;
    }

    private static long positive(String value) {
        try {
            long v = Long.parseLong(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("lifetime lt must be a positive number of seconds, not '" + value + "'");
    }
}
