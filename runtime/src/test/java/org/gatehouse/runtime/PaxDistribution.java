package org.gatehouse.runtime;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam set-up of the in-framework system tests: every bundle of the built distribution's
 * system/ folder, a data folder of its own, and Pax URL kept offline on the local Maven repository.
 * Called from the tests' {@code @Configuration}, outside the framework.
 */
final class PaxDistribution {

    private PaxDistribution() {
    }

    static Option[] options(String dataPrefix) throws IOException {
        List<Option> options = new ArrayList<>();
        Path system = Path.of(System.getProperty("gatehouse.dist", "target/gatehouse")).resolve("system");
        try (Stream<Path> jars = Files.walk(system)) {
            // pax-exam brings its own logging API; the Gogo console would read the test's stdin
            jars.filter(p -> p.toString().endsWith(".jar")).filter(p -> !p.toString().contains("gogo.jline"))
                .sorted().forEach(p -> options.add(bundle(p.toUri().toString())));
        }
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(repo));
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories").value("+"));
        options.add(systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"));
        options.add(systemProperty("org.ops4j.pax.url.mvn.offline").value("true"));
        options.add(frameworkProperty("gatehouse.data").value(Files.createTempDirectory(dataPrefix).toString()));
        options.add(junitBundles());
        return options.toArray(new Option[0]);
    }
}
