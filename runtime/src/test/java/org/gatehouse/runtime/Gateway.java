package org.gatehouse.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A copy of the built distribution run as a user runs it: bin/gatehouse in its own process, the
 * console fed through a pipe, everything it prints collected.
 */
final class Gateway implements AutoCloseable {

    private final Process process;
    private final OutputStream console;
    private final StringBuffer output = new StringBuffer();

    private Gateway(Process process) {
        this.process = process;
        this.console = process.getOutputStream();
        Thread pump = new Thread(() -> pump(process.getInputStream()), "gateway-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Copies the distribution to {@code target} (a relocated install) unless it is already there. */
    static Path install(Path target) throws IOException {
        Path dist = Path.of(System.getProperty("gatehouse.dist", "target/gatehouse"));
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
                Path to = target.resolve(dist.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    static Gateway start(Path home) throws IOException {
        return start(home, java.util.Map.of());
    }

    /** Started with these environment variables added (JAVA_OPTS, GATEHOUSE_CDS, ...). */
    static Gateway start(Path home, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/gatehouse").toString()).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new Gateway(pb.start());
    }

    /**
     * Started as at a terminal: script(1) gives bin/gatehouse a pseudo-terminal of {@code columns} x {@code rows}, or of
     * no size when {@code columns} is 0 (as under a pipe, script's own stdin here). Keys go as typed: {@link #keys}.
     */
    static Gateway startInTerminal(Path home, int columns, int rows) throws IOException {
        String gatehouse = home.resolve("bin/gatehouse").toString();
        String command = (columns > 0 ? "stty cols " + columns + " rows " + rows + " && " : "") + "exec '" + gatehouse + "'";
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().put("SHELL", "/bin/sh"); // script(1) runs the command with $SHELL
        return new Gateway(pb.start());
    }

    /** Sends keys as they are, without a line end (a terminal's Enter is \r). */
    void keys(String keys) throws IOException {
        console.write(keys.getBytes(StandardCharsets.UTF_8));
        console.flush();
    }

    /** The output without a terminal's escape sequences (colours, cursor moves, modes). */
    String plain() {
        return ESCAPES.matcher(output()).replaceAll("");
    }

    private static final java.util.regex.Pattern ESCAPES = java.util.regex.Pattern.compile("\u001b(\\[[0-9;?]*[A-Za-z]|[=>])");

    /** Waits until {@code expected} is in {@link #plain()} after offset {@code from} of it. */
    void awaitPlain(String expected, int from, Duration timeout) throws InterruptedException {
        awaitIn(this::plain, expected, from, timeout);
    }

    /** Sends one console line without waiting for anything. */
    void type(String line) throws IOException {
        keys(line + "\n");
    }

    /**
     * Waits for the console's first prompt: the console starts after the gateway's bundles (start level 3),
     * possibly after "Gatehouse started", and its banner must not be taken for a command's output.
     */
    private void awaitConsole(Duration timeout) throws InterruptedException {
        int banner;
        synchronized (output) {
            banner = output.indexOf(CONSOLE_BANNER);
        }
        if (banner < 0) {
            await(CONSOLE_BANNER, 0, timeout);
            banner = output.indexOf(CONSOLE_BANNER);
        }
        await("g!", banner, timeout);
    }

    private static final String CONSOLE_BANNER = "Gatehouse console (Apache Felix Gogo)";

    /** Sends one console line and waits until {@code expected} appears in the output after it. */
    String command(String line, String expected, Duration timeout) throws IOException, InterruptedException {
        awaitConsole(timeout);
        int from = output.length();
        console.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
        await(expected, from, timeout);
        return output.substring(from);
    }

    /**
     * Runs a console command and returns everything printed up to the end of its output, marked by an
     * echo sent after it (quoted, so that only the echo's output holds the marker). Returns once the
     * prompt after the echo is there, so that the next command's output starts after it.
     */
    String listing(String line, Duration timeout) throws IOException, InterruptedException {
        String marker = "end of listing";
        awaitConsole(timeout);
        int from = output.length();
        console.write((line + "\necho \"end of\" \"listing\"\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
        await(marker, from, timeout);
        int end = output.indexOf(marker, from);
        await("g!", end, timeout);
        return output.substring(from, end);
    }

    /** Waits until {@code expected} is printed after offset {@code from}; woken by each output chunk. */
    void await(String expected, int from, Duration timeout) throws InterruptedException {
        awaitIn(this::output, expected, from, timeout);
    }

    private void awaitIn(java.util.function.Supplier<String> text, String expected, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (text.get().indexOf(expected, from) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("'" + expected + "' not seen within " + timeout + "; output:\n" + text.get());
                }
                output.wait(Math.max(1, Math.min(200, left / 1_000_000))); // also re-checks that the process lives
            }
        }
    }

    String output() {
        return output.toString();
    }

    /**
     * Whether the output holds an exception other than Gogo runtime 1.1.6's known stop race: its
     * {@code CommandProcessorImpl.stop} copies its sessions into an array sized before the copy, so a
     * console session closing at that moment (the jline console stopping just before) leaves a null
     * it then dereferences. Nothing of ours is involved; every other exception counts.
     */
    boolean hasUnexpectedException() {
        return output().lines().filter(l -> l.contains("Exception"))
            .anyMatch(l -> !(l.contains("org.apache.felix.gogo.runtime") || l.contains("CommandSession.close()")));
    }

    int stop() throws Exception {
        awaitConsole(Duration.ofSeconds(30)); // a stop typed while the console starts interrupts its start-up
        console.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
        console.flush();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("gateway did not stop within 20 s; output:\n" + output);
        }
        return process.exitValue();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Whether the process ended within {@code timeout} (after {@link #close()}, a kill -9). */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // under script(1), the gateway's JVM
        process.destroyForcibly();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                synchronized (output) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // process ended
        }
    }
}
