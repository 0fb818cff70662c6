package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console at a terminal, as a user at a keyboard gets it: bin/gatehouse under script(1), which gives it a
 * pseudo-terminal. A terminal with a size gets JLine's line editor (Tab completes the shell's commands); one of no
 * size, which the line editor cannot draw on, gets the plain line reader, and commands still run.
 */
class ConsoleTerminalIT {

    private static final Duration T = Duration.ofSeconds(30);
    private static final String BANNER = "Gatehouse console";
    // only JLine's line editor switches the terminal to bracketed paste
    private static final String LINE_EDITOR = "\u001b[?2004h";

    @TempDir
    Path dir;

    /** A new install started at a terminal of that size (0: none), once its console prompts. */
    private Gateway atTerminal(int columns, int rows) throws Exception {
        Gateway gw = Gateway.startInTerminal(Gateway.install(dir.resolve("gatehouse")), columns, rows);
        try {
            gw.awaitPlain("Gatehouse started in", 0, T); // after level 3: the shell's commands are there
            gw.awaitPlain(BANNER, 0, T);
            gw.awaitPlain("g! ", gw.plain().indexOf(BANNER), T);
            return gw;
        } catch (AssertionError | RuntimeException e) {
            gw.close();
            throw e;
        }
    }

    @Test
    void at_a_terminal_tab_completes_a_command() throws Exception {
        try (Gateway gw = atTerminal(120, 40)) {
            int from = gw.plain().length();
            gw.keys("bootstrap:sta\t"); // two commands begin so: Tab lists both
            gw.awaitPlain("bootstrap:status", from, T);
            gw.awaitPlain("bootstrap:start", from, T);
            assertTrue(gw.output().contains(LINE_EDITOR));
            assertFalse(gw.plain().contains("Unable to create a system terminal"), gw.plain());
            gw.keys("\u0015stop 0\r"); // Ctrl-U empties the line first
            assertTrue(gw.waitFor(Duration.ofSeconds(20)), gw.plain());
            assertEquals(0, gw.exitValue());
        }
    }

    @Test
    void at_a_terminal_of_no_size_commands_run_on_the_plain_reader() throws Exception {
        try (Gateway gw = atTerminal(0, 0)) {
            int from = gw.plain().length();
            gw.keys("help bootstrap:status\r");
            gw.awaitPlain("Show the bootstrap phase", from, T);
            assertFalse(gw.output().contains(LINE_EDITOR), gw.plain());
            gw.keys("stop 0\r");
            assertTrue(gw.waitFor(Duration.ofSeconds(20)), gw.plain());
            assertEquals(0, gw.exitValue());
        }
    }
}
