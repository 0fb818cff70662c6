package org.gatehouse.smartcard.virtual;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The virtual card from a shell or a script:
 *
 * <pre>
 * virtual-card build BOOTSTRAP.json CARD.image [--oid standard|double] [--paths fid|adf|mf]
 *              [--files ADF,ODF,DODF,EF] [--dir-record N] [--pad SIZE] [--pin REF:PIN]
 * virtual-card serve CARD.image [--port 35963] [--t0]
 * virtual-card show CARD.image
 * </pre>
 *
 * {@code serve} puts the card into pcscd's virtual reader and then reads commands on stdin:
 * {@code remove}, {@code insert [IMAGE]}, {@code update IMAGE} (new data, card left in), {@code quit}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) {
            err.println("usage: virtual-card build BOOTSTRAP.json CARD.image [options] | serve CARD.image [--port P] [--t0] | show CARD.image");
            return 2;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        try {
            switch (args.get(0)) {
                case "build" -> {
                    ImageBuilder.Layout layout = layout(rest);
                    CardImage image = ImageBuilder.fromSenml(Files.readAllBytes(Path.of(rest.get(0))), layout);
                    image.save(Path.of(rest.get(1)));
                    out.println("wrote " + rest.get(1));
                    return 0;
                }
                case "show" -> {
                    out.print(CardImage.load(Path.of(rest.get(0))).format());
                    return 0;
                }
                case "serve" -> {
                    return serve(rest, out);
                }
                default -> {
                    err.println("unknown command " + args.get(0));
                    return 2;
                }
            }
        } catch (IndexOutOfBoundsException e) {
            err.println("missing argument for " + args.get(0));
            return 2;
        } catch (IllegalArgumentException | org.gatehouse.lwm2m.codec.CodecException | java.io.IOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static String option(List<String> rest, String name, String fallback) {
        int i = rest.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        String v = rest.get(i + 1);
        rest.remove(i + 1);
        rest.remove(i);
        return v;
    }

    static ImageBuilder.Layout layout(List<String> rest) {
        ImageBuilder.Layout l = ImageBuilder.Layout.standard();
        l = l.withOid(ImageBuilder.OidEncoding.valueOf(option(rest, "--oid", "standard").toUpperCase()));
        l = l.withPathForm(switch (option(rest, "--paths", "adf")) {
            case "fid" -> ImageBuilder.PathForm.FID;
            case "mf" -> ImageBuilder.PathForm.FROM_MF;
            default -> ImageBuilder.PathForm.CURRENT_ADF;
        });
        String files = option(rest, "--files", null);
        if (files != null) {
            int[] f = Arrays.stream(files.split(",")).mapToInt(s -> Integer.parseInt(s, 16)).toArray();
            l = l.withFiles(f[0], f[1], f[2], f[3]);
        }
        l = l.withDirRecord(Integer.parseInt(option(rest, "--dir-record", "1")));
        l = l.withPadTo(Integer.parseInt(option(rest, "--pad", "0")));
        String pin = option(rest, "--pin", null);
        if (pin != null) {
            l = l.withPin(Integer.parseInt(pin.substring(0, pin.indexOf(':')), 16), pin.substring(pin.indexOf(':') + 1));
        }
        return l;
    }

    private static int serve(List<String> rest, PrintStream out) throws Exception {
        int port = Integer.parseInt(option(rest, "--port", String.valueOf(VpcdCard.DEFAULT_PORT)));
        boolean t0 = rest.remove("--t0");
        Path image = Path.of(rest.get(0));
        try (VpcdCard card = new VpcdCard(port, t0)) {
            card.insert(CardImage.load(image));
            out.println("card inserted into the virtual reader on port " + port + "; commands: remove, insert [IMAGE], update IMAGE, quit");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.trim().split("\\s+");
                switch (w[0]) {
                    case "remove" -> card.remove();
                    case "insert" -> card.insert(CardImage.load(w.length > 1 ? Path.of(w[1]) : image));
                    case "update" -> card.update(CardImage.load(Path.of(w[1])));
                    case "quit" -> {
                        return 0;
                    }
                    case "" -> { }
                    default -> out.println("unknown command " + w[0]);
                }
                out.println(card.inserted() ? "card in" : "no card");
            }
            // stdin closed (a script in the background): keep the card in until the process is stopped
            Thread.currentThread().join();
        }
        return 0;
    }
}
