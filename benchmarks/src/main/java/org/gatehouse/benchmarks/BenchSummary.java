package org.gatehouse.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of {@code scripts/bench.sh all}. Each harness appends its figures to the file named by
 * {@code -Dbench.summary} (a tab-separated line per measurement); {@link #main} prints them in a fixed
 * order, and a measurement no harness reported as "not measured", never an estimate.
 */
public final class BenchSummary {

    private static final String PROPERTY = "bench.summary";

    /** The rows of the table, in order, with the unit each is reported in. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("start-up: new process to registered, NoSec (median)", "ms");
        EXPECTED.put("start-up: new process to registered, PSK (median)", "ms");
        EXPECTED.put("start-up: first start of a new install, NoSec (median)", "ms");
        EXPECTED.put("start-up: all-in-one default, NoSec (median)", "ms");
        EXPECTED.put("memory: resident set, registered and idle (median)", "MiB");
        EXPECTED.put("memory: resident set, registered and idle, all-in-one (median)", "MiB");
        EXPECTED.put("latency: bootstrap + registration, warm (median)", "ms");
        EXPECTED.put("latency: bootstrap + registration, warm (p90)", "ms");
        EXPECTED.put("codec SENML_CBOR decode", "us/op");
        EXPECTED.put("codec SENML_CBOR encode", "us/op");
        EXPECTED.put("codec TLV decode", "us/op");
        EXPECTED.put("codec TLV encode", "us/op");
        EXPECTED.put("smartcard: read 1 KiB bootstrap file (median)", "ms");
        EXPECTED.put("bootstrap server: bootstraps per second, NoSec", "boots/s");
        EXPECTED.put("bootstrap server: bootstraps per second, PSK", "boots/s");
        EXPECTED.put("bootstrap server: CPU per bootstrap, NoSec", "ms");
        EXPECTED.put("bootstrap server: CPU per bootstrap, PSK", "ms");
        EXPECTED.put("bootstrap server: latency p99 / p50, NoSec", "ratio");
        EXPECTED.put("bootstrap server: latency p99 / p50, PSK", "ratio");
    }

    private BenchSummary() {
    }

    /**
     * Adds a measurement to the summary file, when there is one. {@code leshan} is NaN where Leshan has
     * no counterpart; {@code advantage} is how many times better Gatehouse is (NaN likewise).
     */
    static void record(String name, double gatehouse, double leshan, String unit, double advantage) {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return;
        }
        String line = String.join("\t", name, num(gatehouse), num(leshan), unit, num(advantage)) + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to the summary " + file + ": " + e.getMessage(), e);
        }
    }

    private static String num(double d) {
        return Double.toString(d);
    }

    /** Prints the table: {@code BenchSummary FILE [NOTE...]}, each NOTE a line under the title. */
    public static void main(String[] args) throws IOException {
        Map<String, String[]> measured = new LinkedHashMap<>();
        Path file = Path.of(args[0]);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                measured.put(f[0], f);
            }
        }
        System.out.println();
        System.out.println("Gatehouse beside Eclipse Leshan 2.0.0-M15 (\"Gatehouse is\": times better, >1 is better)");
        for (int i = 1; i < args.length; i++) {
            System.out.println(args[i]);
        }
        String format = "| %-62s | %7s | %12s | %10s | %12s |%n";
        System.out.printf(format, "measurement", "unit", "Gatehouse", "Leshan", "Gatehouse is");
        System.out.printf(format, "-".repeat(62), "-".repeat(7), "-".repeat(12), "-".repeat(10), "-".repeat(12));
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            String[] f = measured.remove(e.getKey());
            if (f == null) {
                System.out.printf(format, e.getKey(), e.getValue(), "not measured", "", "");
            } else {
                System.out.printf(format, f[0], f[3], fmt(f[1]), fmt(f[2]), f[4].equals("NaN") ? "no peer" : fmt(f[4]) + "x");
            }
        }
        for (String[] f : measured.values()) { // anything a harness added that the list does not know yet
            System.out.printf(format, f[0], f[3], fmt(f[1]), fmt(f[2]), f[4].equals("NaN") ? "no peer" : fmt(f[4]) + "x");
        }
    }

    private static String fmt(String number) {
        double d = Double.parseDouble(number);
        return Double.isNaN(d) ? "—" : String.format(Locale.ROOT, d >= 100 ? "%.0f" : "%.2f", d);
    }
}
