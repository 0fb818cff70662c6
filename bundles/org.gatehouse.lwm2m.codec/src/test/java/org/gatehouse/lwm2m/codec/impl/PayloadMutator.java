package org.gatehouse.lwm2m.codec.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns valid payloads into nearly valid ones, reproducibly from a seed: bit flips, edge bytes,
 * truncations, inserted, deleted and repeated runs, and tokens of the format that decoders find hard
 * (numbers out of range, deep nesting, huge declared lengths).
 */
final class PayloadMutator {

    private static final byte[] EDGE_BYTES = {0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 0x01, (byte) 0xC0, 0x20, 0x3A};

    private final Random random;
    private final List<byte[]> tokens;

    PayloadMutator(long seed, List<byte[]> tokens) {
        this.random = new Random(seed);
        this.tokens = tokens;
    }

    static List<byte[]> text(String... tokens) {
        return Arrays.stream(tokens).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    Random random() {
        return random;
    }

    /** One to three mutations of {@code seed}; {@code other} is a second valid payload to splice from. */
    byte[] mutate(byte[] seed, byte[] other) {
        byte[] b = seed;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            b = once(b, other);
        }
        return b;
    }

    private byte[] once(byte[] b, byte[] other) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        switch (random.nextInt(8)) {
            case 0 -> {
                return b.length == 0 ? b : with(b, at, (byte) (b[at] ^ (1 << random.nextInt(8))));
            }
            case 1 -> {
                return b.length == 0 ? b : with(b, at, EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]);
            }
            case 2 -> {
                return Arrays.copyOf(b, at);
            }
            case 3 -> {
                byte[] run = new byte[1 + random.nextInt(8)];
                random.nextBytes(run);
                return splice(b, at, at, run);
            }
            case 4 -> {
                return splice(b, at, Math.min(b.length, at + 1 + random.nextInt(16)), new byte[0]);
            }
            case 5 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(32));
                return splice(b, end, end, Arrays.copyOfRange(b, at, end)); // a repeated run: duplicate keys and records
            }
            case 6 -> {
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return splice(b, at, b.length, Arrays.copyOfRange(other, from, other.length));
            }
            default -> {
                byte[] token = tokens.get(random.nextInt(tokens.size()));
                int end = random.nextBoolean() ? at : Math.min(b.length, at + token.length);
                return splice(b, at, end, token);
            }
        }
    }

    private static byte[] with(byte[] b, int at, byte value) {
        byte[] copy = b.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, from);
        out.writeBytes(insert);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}
