package org.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTerminalTest {

    private static final String PROVIDER = "META-INF/services/org/jline/terminal/provider/exec";

    @TempDir
    Path dir;

    @Test
    void the_context_loader_finds_what_only_jline_has_and_keeps_the_launchers_answer_for_the_rest() throws Exception {
        ClassLoader launcher = loader("launcher", "shared.txt", "from the launcher");
        ClassLoader jline = loader("jline", "shared.txt", "from jline");
        Files.writeString(Files.createDirectories(dir.resolve("jline/META-INF/services/org/jline/terminal/provider")).resolve("exec"),
            "class=org.example.Exec\n");
        ClassLoader both = new ConsoleTerminal.WithJline(launcher, jline);
        assertEquals("class=org.example.Exec\n", read(both, PROVIDER));
        assertEquals("from the launcher", read(both, "shared.txt"));
        assertSame(String.class, both.loadClass("java.lang.String"));
        assertNull(both.getResource("nowhere.txt"));
    }

    @Test
    void a_console_without_a_wiring_gets_no_loader() {
        assertNull(ConsoleTerminal.jlineLoader(null));
    }

    private ClassLoader loader(String name, String file, String text) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve(file), text);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private static String read(ClassLoader loader, String name) throws Exception {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
