package org.gatehouse.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH codec benchmarks and prints one row per format and operation, ours and Leshan's figures
 * side by side with the ratio. JMH's own report (one line per benchmark and per profiler counter, which
 * read as repeated rows) goes to {@code -o FILE} when given, otherwise it precedes the table.
 *
 * <p>{@code --rounds=N} runs the whole set N times, one fork each, and averages: both sides then run
 * interleaved (ours, Leshan's, ours, ...) so that a load change on a busy machine hits both alike.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** One row: a format and an operation. */
    record Row(String format, String operation, double gatehouse, double leshan, String unit) {
        /** How many times better Gatehouse is: a time per operation is better lower, a rate higher. */
        double advantage() {
            return unit.endsWith("/op") ? leshan / gatehouse : gatehouse / leshan;
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = 1;
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        if (!jmhArgs.isEmpty() && jmhArgs.get(0).startsWith("--rounds=")) {
            rounds = Integer.parseInt(jmhArgs.remove(0).substring("--rounds=".length()));
        }
        List<Row> rows = run(jmhArgs.toArray(String[]::new), rounds);
        System.out.println();
        System.out.println("Codecs, a whole bootstrap (/0 with 3 instances, /1 with 2, /2 with 3: three payloads), "
            + (rounds > 1 ? rounds + " interleaved rounds" : "one run"));
        System.out.printf("%-10s %-7s %12s %12s %-6s %12s%n", "format", "op", "Gatehouse", "Leshan", "unit", "Gatehouse is");
        for (Row r : rows) {
            System.out.printf("%-10s %-7s %12.2f %12.2f %-6s %11.2fx%n", r.format(), r.operation(), r.gatehouse(), r.leshan(), r.unit(),
                r.advantage());
        }
        for (Row r : rows) {
            BenchSummary.record("codec " + r.format() + " " + r.operation(), r.gatehouse(), r.leshan(), r.unit(), r.advantage());
        }
    }

    /** The rows, each format and operation once, averaged over {@code rounds} runs. */
    static List<Row> run(String[] jmhArgs, int rounds) throws Exception {
        Map<String, double[]> sums = new TreeMap<>(); // "format operation" -> {ours, leshan}
        Map<String, String> units = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            CommandLineOptions given = new CommandLineOptions(jmhArgs);
            OptionsBuilder options = new OptionsBuilder();
            options.parent(given);
            if (given.getIncludes().isEmpty()) { // includes add up: ours beside a given one would run everything again
                options.include(CodecBenchmark.class.getSimpleName());
            }
            if (rounds > 1) {
                options.forks(1);
                System.out.printf("codec benchmarks, round %d of %d%n", round + 1, rounds);
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            for (RunResult r : results) {
                String benchmark = r.getParams().getBenchmark();
                String[] method = benchmark.substring(benchmark.lastIndexOf('.') + 1).split("_"); // encode_gatehouse
                String key = r.getParams().getParam("format") + " " + method[0];
                sums.computeIfAbsent(key, k -> new double[2])[method[1].equals("gatehouse") ? 0 : 1] += r.getPrimaryResult().getScore();
                units.put(key, r.getPrimaryResult().getScoreUnit());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            String[] key = e.getKey().split(" ");
            rows.add(new Row(key[0], key[1], e.getValue()[0] / rounds, e.getValue()[1] / rounds, units.get(e.getKey())));
        }
        return rows;
    }
}
