package org.gatehouse.smartcard.virtual;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file system of a virtual UICC: dedicated files (the MF, applications with their AID) and
 * elementary files (transparent, or linear fixed with records), each under a path of 2-byte file IDs
 * from the MF ("3F00/7F50/5031"). Immutable. Saved as a text file, one line per file:
 *
 * <pre>
 * gatehouse-uicc-image 1
 * atr 3B9F96801FC78031A073BE21136743200718000001A5
 * pin 01 1234                                    optional: key reference and PIN (VERIFY)
 * df 3F00
 * ef 3F00/2F00 linear 61184F0CA000000063504B43532D3135500450313521,FFFF   records, comma separated
 * df 3F00/7F50 aid A000000063504B43532D3135
 * ef 3F00/7F50/5031 transparent A706300404026430 [pin]
 * </pre>
 *
 * A linear fixed file lists its records, comma separated, each padded with FF to the longest one.
 * The trailing word {@code pin} marks an EF that needs a VERIFY first.
 */
public final class CardImage {

    static final String MAGIC = "gatehouse-uicc-image 1";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** A file: a DF ({@code aid} may be empty) or an EF (transparent: one record; linear: the records). */
    public record FileNode(String path, boolean dedicated, byte[] aid, boolean linear, List<byte[]> records, boolean pinProtected) {

        public FileNode {
            if (!path.matches("3F00(/[0-9A-F]{4})*")) {
                throw new IllegalArgumentException("a path is 3F00 followed by /XXXX file IDs (upper-case hex), not " + path);
            }
            aid = aid == null ? new byte[0] : aid.clone();
            records = records.stream().map(byte[]::clone).toList();
        }

        /** The 2-byte file ID, the last element of the path. */
        public int fid() {
            return Integer.parseInt(path.substring(path.length() - 4), 16);
        }

        public String parent() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        /** A transparent EF's content. */
        public byte[] content() {
            return records.isEmpty() ? new byte[0] : records.get(0).clone();
        }

        public int recordSize() {
            return records.stream().mapToInt(r -> r.length).max().orElse(0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FileNode f && f.path.equals(path) && f.dedicated == dedicated && java.util.Arrays.equals(f.aid, aid)
                && f.linear == linear && f.pinProtected == pinProtected && f.records.size() == records.size()
                && java.util.stream.IntStream.range(0, records.size()).allMatch(i -> java.util.Arrays.equals(f.records.get(i), records.get(i)));
        }

        @Override
        public int hashCode() {
            return path.hashCode();
        }
    }

    private final byte[] atr;
    private final Map<String, FileNode> files;
    private final Optional<Pin> pin;

    /** A PIN the card checks on VERIFY (key reference P2). */
    public record Pin(int reference, String value) {
        public Pin {
            if (reference < 1 || reference > 0xFF || value.isEmpty() || value.length() > 8) {
                throw new IllegalArgumentException("a PIN has a key reference 01..FF and 1 to 8 characters");
            }
        }
    }

    public CardImage(byte[] atr, List<FileNode> files, Optional<Pin> pin) {
        this.atr = atr.clone();
        Map<String, FileNode> byPath = new LinkedHashMap<>();
        for (FileNode f : files) {
            if (byPath.put(f.path(), f) != null) {
                throw new IllegalArgumentException("two files at " + f.path());
            }
            if (!f.parent().isEmpty() && (byPath.get(f.parent()) == null || !byPath.get(f.parent()).dedicated())) {
                throw new IllegalArgumentException(f.path() + ": its parent " + f.parent() + " must be a DF listed before it");
            }
        }
        if (!byPath.containsKey("3F00")) {
            throw new IllegalArgumentException("an image needs the MF, 3F00");
        }
        this.files = Collections.unmodifiableMap(byPath);
        this.pin = pin;
    }

    public byte[] atr() {
        return atr.clone();
    }

    public Optional<Pin> pin() {
        return pin;
    }

    public Optional<FileNode> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public List<FileNode> files() {
        return List.copyOf(files.values());
    }

    /** The children of a DF. */
    public List<FileNode> children(String dfPath) {
        return files.values().stream().filter(f -> f.parent().equals(dfPath)).toList();
    }

    /** The image with one EF's content replaced (an over-the-air update while the card is in). */
    public CardImage withContent(String path, byte[] content) {
        List<FileNode> copy = new ArrayList<>();
        for (FileNode f : files.values()) {
            copy.add(f.path().equals(path) ? new FileNode(path, false, null, false, List.of(content), f.pinProtected()) : f);
        }
        return new CardImage(atr, copy, pin);
    }

    public String format() {
        StringBuilder s = new StringBuilder(MAGIC).append('\n');
        s.append("atr ").append(HEX.formatHex(atr)).append('\n');
        pin.ifPresent(p -> s.append(String.format("pin %02X %s%n", p.reference(), p.value())));
        for (FileNode f : files.values()) {
            if (f.dedicated()) {
                s.append("df ").append(f.path()).append(f.aid().length > 0 ? " aid " + HEX.formatHex(f.aid()) : "").append('\n');
            } else {
                s.append("ef ").append(f.path()).append(f.linear() ? " linear " : " transparent ");
                s.append(f.linear() ? String.join(",", f.records().stream().map(HEX::formatHex).toList()) : HEX.formatHex(f.content()));
                s.append(f.pinProtected() ? " pin" : "").append('\n');
            }
        }
        return s.toString();
    }

    public static CardImage parse(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            throw new IllegalArgumentException("not a card image: the first line must be '" + MAGIC + "'");
        }
        byte[] atr = null;
        Optional<Pin> pin = Optional.empty();
        List<FileNode> files = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] w = lines.get(n).split("\\s+");
            try {
                switch (w[0]) {
                    case "atr" -> atr = HEX.parseHex(w[1]);
                    case "pin" -> pin = Optional.of(new Pin(Integer.parseInt(w[1], 16), w[2]));
                    case "df" -> files.add(new FileNode(w[1], true, w.length > 3 ? HEX.parseHex(w[3]) : null, false, List.of(), false));
                    case "ef" -> {
                        boolean linear = w[2].equals("linear");
                        List<byte[]> records = new ArrayList<>();
                        String body = w.length > 3 && !w[3].equals("pin") ? w[3] : "";
                        for (String r : linear ? body.split(",") : new String[] {body}) {
                            records.add(HEX.parseHex(r));
                        }
                        boolean protectedByPin = w[w.length - 1].equals("pin");
                        files.add(new FileNode(w[1], false, null, linear, records, protectedByPin));
                    }
                    default -> throw new IllegalArgumentException("unknown line kind '" + w[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("card image line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        if (atr == null) {
            throw new IllegalArgumentException("card image: no 'atr' line");
        }
        return new CardImage(atr, files, pin);
    }

    public static CardImage load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes the image through a temporary file, so that a reader never sees half of it. */
    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, format(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
