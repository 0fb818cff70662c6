package org.gatehouse.shell.ssh.impl;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH channel served by a Gogo session: an exec request runs its one command and exits 0, or 1 when
 * the command fails; a shell request reads lines until "exit" or the end of input. Runs on a thread of
 * the server's pool, because Gogo blocks while a command runs.
 */
final class GogoChannel implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(GogoChannel.class);
    static final String PROMPT = "g! ";

    private final CommandProcessor processor;
    private final ExecutorService threads;
    private final String command; // null for an interactive shell
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Future<?> running;

    GogoChannel(CommandProcessor processor, ExecutorService threads, String command) {
        this.processor = processor;
        this.threads = threads;
        this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        // a pty-req sets TERM: the client's terminal is then raw and wants echo and \r\n
        boolean terminal = env.getEnv().containsKey(Environment.ENV_TERM);
        OutputStream o = terminal ? new TerminalOutput(out) : out;
        OutputStream e = terminal ? new TerminalOutput(err) : err;
        String who = "'" + LoginGuard.printable(channel.getSession().getUsername()) + "' from " + channel.getSession().getRemoteAddress();
        running = threads.submit(() -> {
            int status = 1;
            try {
                if (command != null) {
                    LOG.debug("SSH exec by {}: {}", who, command);
                    status = exec(in, o, e);
                } else {
                    status = shell(new LineInput(in, terminal ? out : null), o, e, terminal);
                }
            } catch (RuntimeException ex) {
                LOG.warn("SSH session of {} ended by {}", who, ex.toString());
            } finally {
                exit.onExit(status); // closes the channel; without it the client would wait forever
            }
        });
    }

    private int exec(InputStream input, OutputStream o, OutputStream e) {
        PrintStream po = print(o);
        PrintStream pe = print(e);
        CommandSession session = processor.createSession(input, po, pe);
        try {
            return run(session, command, po, pe) ? 0 : 1;
        } finally {
            session.close();
        }
    }

    private int shell(LineInput lines, OutputStream o, OutputStream e, boolean terminal) {
        PrintStream po = print(o);
        PrintStream pe = print(e);
        // the session does not read the channel: LineInput does
        CommandSession session = processor.createSession(InputStream.nullInputStream(), po, pe);
        try {
            po.println("Gatehouse shell. Type 'help' for the commands, 'exit' to leave.");
            while (true) {
                if (terminal) {
                    po.print(PROMPT);
                }
                po.flush();
                String line = lines.readLine();
                if (line == null || line.trim().equals("exit") || line.trim().equals("logout")) {
                    return 0;
                }
                if (!line.isBlank()) {
                    run(session, line, po, pe);
                }
            }
        } catch (java.io.IOException ex) {
            return 1; // the channel went away
        } finally {
            session.close();
        }
    }

    /** Runs one command line, prints its value or its error; true if it did not fail. */
    private static boolean run(CommandSession session, String line, PrintStream po, PrintStream pe) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                po.println(session.format(result, Converter.INSPECT));
            }
            return true;
        } catch (Exception ex) {
            pe.println("gogo: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return false;
        } finally {
            po.flush();
            pe.flush();
        }
    }

    private static PrintStream print(OutputStream o) {
        return new PrintStream(new BufferedOutputStream(o), false, StandardCharsets.UTF_8);
    }

    @Override
    public void destroy(ChannelSession channel) {
        Future<?> f = running;
        if (f != null) {
            f.cancel(true);
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
