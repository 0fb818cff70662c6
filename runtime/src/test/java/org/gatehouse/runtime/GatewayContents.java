package org.gatehouse.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What the distribution must contain, written out rather than read from the build so that a bundle
 * or component that goes missing fails the system tests by name: the Bundle-SymbolicNames of the
 * features etc/config.properties installs (features/*.json, the runtime pom's dependencies) and the
 * components of the gateway's bundles. A bundle or component added on purpose is added here too.
 */
final class GatewayContents {

    /** The system bundle: Felix, from lib/ (not part of a feature). */
    static final String FRAMEWORK = "org.apache.felix.framework";

    static final List<String> CORE = List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "slf4j.api",
        "slf4j.simple", "org.apache.felix.log", "org.apache.felix.configadmin", "org.apache.felix.metatype", "org.apache.felix.scr",
        "org.apache.felix.fileinstall", "com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.core.jackson-core",
        "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.dataformat.jackson-dataformat-cbor", "org.gatehouse.lwm2m.model",
        "org.gatehouse.lwm2m.codec", "org.gatehouse.lwm2m.store", "org.gatehouse.lwm2m.objects", "org.gatehouse.endpoint",
        "org.gatehouse.features");
    static final List<String> TRANSPORT = List.of("jul.to.slf4j", "bcprov", "org.eclipse.californium.element-connector",
        "org.eclipse.californium.scandium", "org.eclipse.californium.core", "org.gatehouse.coap", "org.gatehouse.coap.californium");
    static final List<String> BOOTSTRAP = List.of("org.gatehouse.lwm2m.client", "org.gatehouse.bootstrap.api", "org.gatehouse.bootstrap", "org.gatehouse.registration", "org.gatehouse.device");
    static final List<String> BOOTSTRAP_SMARTCARD = List.of("org.gatehouse.smartcard", "org.gatehouse.smartcard.pcsc",
        "org.gatehouse.bootstrap.smartcard");
    static final List<String> BOOTSTRAP_FACTORY = List.of("org.gatehouse.bootstrap.factory");
    static final List<String> BOOTSTRAP_SERVER_PUSH = List.of("org.gatehouse.bootstrap.server");
    static final List<String> BOOTSTRAP_CLIENT = List.of("org.gatehouse.bootstrap.client");
    static final List<String> SOFTWARE_MANAGEMENT = List.of("org.gatehouse.software");
    /** The Gogo console: RuntimeBundlesIT leaves out org.apache.felix.gogo.jline, which would read the test's stdin. */
    static final String CONSOLE = "org.apache.felix.gogo.jline";
    static final List<String> SHELL = List.of("org.jline", "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command", CONSOLE,
        "org.gatehouse.shell");
    /** The SSH shell: MINA SSHD (core and common in one bundle) and the server component, off unless configured. */
    static final List<String> SHELL_SSH = List.of("org.apache.sshd.osgi", "org.gatehouse.shell.ssh");

    /** The bootstrap-server storage (features/bsserver-storage.json), part of the all-in-one default. */
    static final List<String> BSSERVER_STORAGE = List.of("org.gatehouse.bsserver.storage", "org.osgi.service.jdbc", "com.h2database",
        "org.postgresql.jdbc", "org.gatehouse.bsserver.storage.jdbc");
    /** The bootstrap server (features/bsserver.json), part of the all-in-one default. */
    static final List<String> BSSERVER = List.of("org.gatehouse.bsserver");
    /** The LwM2M server for devices (features/lwm2m-server.json), part of the all-in-one default. */
    static final List<String> LWM2M_SERVER = List.of("org.gatehouse.lwm2m.server");
    /** The LwM2M server's per-device credential component: one configuration per device, none by default. */
    static final String LWM2M_SERVER_CREDENTIALS = "org.gatehouse.lwm2m.server.impl.ConfiguredCredential";

    /** The firmware update (features/firmware-update.json): in system/, not in the default gatehouse.features. */
    static final List<String> FIRMWARE_UPDATE = List.of("org.gatehouse.firmware");
    static final List<String> FIRMWARE_UPDATE_COMPONENTS = List.of("org.gatehouse.firmware.impl.FirmwareUpdate");

    /** Every DS component of the gateway's bundles (component name = class name). */
    static final List<String> COMPONENTS = List.of("org.gatehouse.lwm2m.model.impl.ModelRegistryComponent",
        "org.gatehouse.lwm2m.codec.impl.CborCodec", "org.gatehouse.lwm2m.codec.impl.CoreLinkCodec", "org.gatehouse.lwm2m.codec.impl.LwM2mJsonCodec",
        "org.gatehouse.lwm2m.codec.impl.OpaqueCodec", "org.gatehouse.lwm2m.codec.impl.SenmlCborCodec", "org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec",
        "org.gatehouse.lwm2m.codec.impl.TextCodec", "org.gatehouse.lwm2m.codec.impl.TlvCodec", "org.gatehouse.lwm2m.store.impl.ObjectStoreComponent",
        "org.gatehouse.endpoint.impl.EndpointIdentityComponent", "org.gatehouse.coap.californium.CaliforniumTransport",
        "org.gatehouse.bootstrap.impl.BootstrapInterfaceComponent", "org.gatehouse.bootstrap.impl.CoordinatorComponent",
        "org.gatehouse.registration.impl.RegistrationComponent", "org.gatehouse.device.impl.DeviceObject", "org.gatehouse.device.impl.FrameworkReboot",
        "org.gatehouse.bootstrap.factory.FactoryMode", "org.gatehouse.bootstrap.server.LegacyPushMode", "org.gatehouse.bootstrap.client.ClientInitiatedMode", "org.gatehouse.shell.BootstrapCommands",
        "org.gatehouse.shell.Lwm2mCommands", "org.gatehouse.shell.ServerCommands", "org.gatehouse.smartcard.pcsc.PcscReaders",
        "org.gatehouse.bootstrap.smartcard.impl.SmartcardMode", "org.gatehouse.bootstrap.smartcard.impl.CardEvents",
        "org.gatehouse.shell.SmartcardCommands", "org.gatehouse.features.impl.FeatureManagerComponent",
        "org.gatehouse.features.impl.FeatureCommands", "org.gatehouse.shell.ssh.impl.SshShellComponent",
        "org.gatehouse.software.impl.SoftwareManagement", "org.gatehouse.bsserver.storage.jdbc.StorageComponent",
        "org.gatehouse.bsserver.impl.BootstrapServerComponent", "org.gatehouse.bsserver.impl.ConfigStore",
        "org.gatehouse.bsserver.impl.ConfigFolder", "org.gatehouse.bsserver.impl.BsServerCommands",
        "org.gatehouse.lwm2m.server.impl.LwM2mServerComponent", "org.gatehouse.lwm2m.server.impl.DmCommands", LWM2M_SERVER_CREDENTIALS,
        "org.gatehouse.lwm2m.server.impl.StorageCredentials");

    private GatewayContents() {
    }

    /** The components of every bundle in system/: the default features' and firmware-update's. */
    static List<String> systemComponents() {
        List<String> all = new ArrayList<>(COMPONENTS);
        all.addAll(FIRMWARE_UPDATE_COMPONENTS); // the one feature shipped but not in the default list
        return all;
    }

    /** The bundles of all features etc/config.properties installs, in its order. */
    static List<String> featureBundles() {
        List<String> all = new ArrayList<>();
        for (List<String> feature : List.of(CORE, TRANSPORT, BOOTSTRAP, BOOTSTRAP_SMARTCARD, BOOTSTRAP_FACTORY, BOOTSTRAP_SERVER_PUSH, BOOTSTRAP_CLIENT, SOFTWARE_MANAGEMENT,
            BSSERVER_STORAGE, BSSERVER, LWM2M_SERVER, SHELL, SHELL_SSH)) {
            all.addAll(feature);
        }
        return all;
    }

    /** Fails naming each expected name that is not in {@code actual}. */
    static void assertPresent(String what, Collection<String> expected, Collection<String> actual) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            throw new AssertionError(what + " missing: " + missing + " (found " + new TreeSet<>(actual) + ")");
        }
    }

    /** Fails naming each expected name that is not in {@code actual} and each name in it that is not expected. */
    static void assertExactly(String what, Collection<String> expected, Collection<String> actual) {
        assertPresent(what, expected, actual);
        TreeSet<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        if (!unexpected.isEmpty()) {
            throw new AssertionError(what + " not expected: " + unexpected + " (add them to GatewayContents if they belong)");
        }
    }
}
