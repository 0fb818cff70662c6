package org.gatehouse.shell.ssh.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads command lines from an SSH channel. On a terminal (a pty was requested) the client sends raw
 * keystrokes and expects the server to echo them, so this echoes, handles backspace, Ctrl-C (drop the
 * line) and Ctrl-D (end on an empty line), and skips cursor-key escape sequences. Without a terminal
 * it reads plain lines.
 */
final class LineInput {

    private static final int CTRL_C = 3;
    private static final int CTRL_D = 4;
    private static final int BACKSPACE = 8;
    private static final int ESC = 27;
    private static final int DELETE = 127;

    private final InputStream in;
    private final OutputStream echo; // null without a terminal

    LineInput(InputStream in, OutputStream echo) {
        this.in = in;
        this.echo = echo;
    }

    /** The next line without its end, or null at the end of input (or Ctrl-D on an empty line). */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int lastEnd = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : text(line);
            }
            if (b == '\n' && lastEnd == '\r') { // the \n of a \r\n already ended the previous line
                lastEnd = -1;
                continue;
            }
            lastEnd = -1;
            if (b == '\r' || b == '\n') {
                lastEnd = b;
                echo("\r\n");
                return text(line);
            } else if (echo == null) {
                line.write(b);
            } else if (b == CTRL_D && line.size() == 0) {
                return null;
            } else if (b == CTRL_C) {
                line.reset();
                echo("^C\r\n");
                return "";
            } else if (b == BACKSPACE || b == DELETE) {
                if (erase(line)) {
                    echo("\b \b");
                }
            } else if (b == ESC) {
                skipEscape();
            } else if (b >= 32 || b == '\t') {
                line.write(b);
                echo.write(b);
                echo.flush();
            }
        }
    }

    /** Removes the last UTF-8 character (its continuation bytes and its lead byte). */
    private static boolean erase(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end == 0) {
            return false;
        }
        do {
            end--;
        } while (end > 0 && (bytes[end] & 0xC0) == 0x80);
        line.reset();
        line.write(bytes, 0, end);
        return true;
    }

    /** Skips ESC [ ... final-byte (cursor keys and the like); line editing beyond backspace is not offered. */
    private void skipEscape() throws IOException {
        int b = in.read();
        if (b == '[' || b == 'O') {
            do {
                b = in.read();
            } while (b >= 0 && (b < 0x40 || b > 0x7E));
        }
    }

    private void echo(String s) throws IOException {
        if (echo != null) {
            echo.write(s.getBytes(StandardCharsets.US_ASCII));
            echo.flush();
        }
    }

    private static String text(ByteArrayOutputStream line) {
        return line.toString(StandardCharsets.UTF_8);
    }
}
