package org.gatehouse.smartcard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A machine without libpcsclite: the reader component logs one clear warning, publishes no reader, and
 * stops cleanly (nothing else fails). Debian's JDK links its PC/SC glue to libpcsclite.so.1 directly
 * (the {@code sun.security.smartcardio.library} property is not read), so the library is hidden in a
 * private mount namespace (root, as CI runs); the property is set too, for JDKs that read it.
 */
class NoLibraryTest {

    @Test
    void without_libpcsclite_there_is_one_clear_warning_and_no_reader() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String command = "'" + java + "' -Dsun.security.smartcardio.library=/nonexistent/libpcsclite.so.1 -cp '" + System.getProperty("java.class.path")
            + "' " + NoLibraryProbe.class.getName();
        Path library = Path.of("/lib/x86_64-linux-gnu/libpcsclite.so.1");
        List<String> run = Files.exists(library) && "root".equals(System.getProperty("user.name"))
            ? List.of("unshare", "--mount", "--", "sh", "-c", "mount --bind /dev/null " + library.toRealPath() + " && exec " + command)
            : List.of("sh", "-c", "exec " + command);
        Process p = new ProcessBuilder(run).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the probe ended");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("readers published: 0"), out);
        long warnings = out.lines().filter(l -> l.contains("PC/SC is not available in this JVM")).count();
        assertEquals(1, warnings, out);
        assertTrue(out.lines().filter(l -> l.contains("WARN") || l.contains("ERROR")).count() == 1, "nothing else complained: " + out);
    }
}
