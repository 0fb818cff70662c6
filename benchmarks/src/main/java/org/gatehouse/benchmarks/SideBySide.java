package org.gatehouse.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs the JMH benchmarks and prints ours and Leshan's figures side by side with their ratio. */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
            .include(CodecBenchmark.class.getSimpleName()).build()).run();
        Map<String, double[]> rows = new TreeMap<>(); // "format operation" -> {ours, leshan}
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String[] parts = method.split("_");
            String key = String.format("%-10s %-7s", r.getParams().getParam("format"), parts[0]);
            rows.computeIfAbsent(key, k -> new double[2])[parts[1].equals("gatehouse") ? 0 : 1] = r.getPrimaryResult().getScore();
        }
        System.out.println();
        System.out.println("Bootstrap payload (/0 x3, /1 x2, /2 x3), microseconds per payload, lower is better");
        System.out.printf("%-18s %12s %12s %14s%n", "format  operation", "Gatehouse", "Leshan", "Leshan/ours");
        rows.forEach((k, v) -> System.out.printf("%-18s %12.2f %12.2f %13.2fx%n", k, v[0], v[1], v[1] / v[0]));
    }
}
