package org.gatehouse.smartcard.pcsc;

import java.nio.file.Files;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.gatehouse.smartcard.CardReader;
import org.osgi.framework.launch.Framework;

/** Runs the reader component for two seconds in a JVM given to it by {@link NoLibraryTest}, then says how many readers it published. */
public final class NoLibraryProbe {

    private NoLibraryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Framework framework = new FrameworkFactory().newFramework(Map.of("org.osgi.framework.storage",
            Files.createTempDirectory("no-pcsc").toString()));
        framework.start();
        PcscReaders readers = new PcscReaders(framework.getBundleContext(), PcscReadersTest.config(200));
        Thread.sleep(2000);
        int published = framework.getBundleContext().getServiceReferences(CardReader.class, null).size();
        readers.deactivate();
        framework.stop();
        framework.waitForStop(5000);
        System.out.println("readers published: " + published);
    }
}
