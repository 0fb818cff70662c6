package org.gatehouse.lwm2m.codec.impl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkAttribute;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.osgi.service.component.annotations.Component;

/** CoRE link format (40): {@code <target>;p=v;q="s",<target2>}. Quoted strings may hold commas and semicolons. */
@Component(service = LinkCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=40")
public final class CoreLinkCodec implements LinkCodec {

    @Override
    public byte[] encode(List<Link> links) {
        return links.stream().map(Link::toString).collect(Collectors.joining(",")).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<Link> decode(byte[] payload) throws CodecException {
        String s = Utf8.decode(payload, "LINK");
        List<Link> links = new ArrayList<>();
        Cursor c = new Cursor(s);
        c.skipSpaces();
        while (!c.atEnd()) {
            links.add(link(c));
            c.skipSpaces();
            if (!c.atEnd()) {
                c.expect(',');
                c.skipSpaces();
            }
        }
        return links;
    }

    private static Link link(Cursor c) throws CodecException {
        c.expect('<');
        int close = c.text.indexOf('>', c.pos);
        if (close < 0) {
            throw c.error("link target has no closing '>'");
        }
        String target = c.text.substring(c.pos, close);
        c.pos = close + 1;
        List<LinkAttribute> attributes = new ArrayList<>();
        while (!c.atEnd() && c.peek() == ';') {
            c.pos++;
            attributes.add(attribute(c));
        }
        try {
            return new Link(target, attributes);
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    private static LinkAttribute attribute(Cursor c) throws CodecException {
        int start = c.pos;
        while (!c.atEnd() && c.peek() != '=' && c.peek() != ';' && c.peek() != ',') {
            c.pos++;
        }
        String name = c.text.substring(start, c.pos).trim();
        if (name.isEmpty()) {
            throw c.error("empty link parameter name");
        }
        try {
            if (c.atEnd() || c.peek() != '=') {
                return LinkAttribute.flag(name);
            }
            c.pos++;
            if (!c.atEnd() && c.peek() == '"') {
                return LinkAttribute.quoted(name, quoted(c));
            }
            int vs = c.pos;
            while (!c.atEnd() && c.peek() != ';' && c.peek() != ',') {
                c.pos++;
            }
            return new LinkAttribute(name, c.text.substring(vs, c.pos), false);
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    private static String quoted(Cursor c) throws CodecException {
        c.pos++;
        StringBuilder b = new StringBuilder();
        while (!c.atEnd()) {
            char ch = c.text.charAt(c.pos++);
            if (ch == '"') {
                return b.toString();
            }
            if (ch == '\\' && !c.atEnd()) {
                ch = c.text.charAt(c.pos++);
            }
            b.append(ch);
        }
        throw c.error("unterminated quoted string");
    }

    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        void expect(char ch) throws CodecException {
            if (atEnd() || peek() != ch) {
                throw error("expected '" + ch + "'");
            }
            pos++;
        }

        CodecException error(String message) {
            return new CodecException("LINK: at character " + pos + ": " + message);
        }
    }
}
