package org.gatehouse.shell.ssh.impl;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The command line behind {@code bin/gatehouse-shell --hash-password}: run by the script in a plain
 * JVM, outside the framework, so its console is its user interface (the component never prints).
 */
public final class PasswordHashTool {

    private PasswordHashTool() {
    }

    /** Asks for a password (twice on a terminal, one line from stdin otherwise) and prints the configuration line. */
    public static void main(String[] args) throws IOException {
        System.exit(run(System.console(), System.out, System.err));
    }

    static int run(Console console, PrintStream out, PrintStream err) throws IOException {
        char[] password;
        if (console != null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                err.println("The two passwords differ; nothing written.");
                return 1;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length == 0) {
            err.println("Empty password; nothing written.");
            return 1;
        }
        out.println("passwordHash=" + PasswordHash.create(password, PasswordHash.ITERATIONS));
        return 0;
    }
}
