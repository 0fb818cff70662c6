package org.gatehouse.shell.ssh.impl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Output to a client terminal in raw mode: each bare \n becomes \r\n, or lines would stair-step. */
final class TerminalOutput extends FilterOutputStream {

    private int last = -1;

    TerminalOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && last != '\r') {
            out.write('\r');
        }
        out.write(b);
        last = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }
}
