package org.gatehouse.shell.ssh.impl;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gogo shell over SSH, configured by etc/org.gatehouse.shell.ssh.cfg. Off unless enabled=true;
 * a change of configuration restarts the server (DS reactivates the component).
 */
@Component(configurationPid = SshShellComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = SshShellComponent.Config.class)
public final class SshShellComponent {

    static final String PID = "org.gatehouse.shell.ssh";
    private static final Logger LOG = LoggerFactory.getLogger(SshShellComponent.class);

    @ObjectClassDefinition(name = "Gatehouse SSH shell", description = "The Gogo shell over SSH: public-key or password login, one user.")
    public @interface Config {
        @AttributeDefinition(description = "Listen for SSH logins; off by default")
        boolean enabled() default false;

        @AttributeDefinition(description = "Address to listen on; 127.0.0.1 (loopback) unless the shell must be reached from the network, 0.0.0.0 for all")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "TCP port; 0 picks a free one")
        int port() default 8101;

        @AttributeDefinition(description = "The one user name accepted")
        String user() default "gatehouse";

        @AttributeDefinition(description = "OpenSSH authorized_keys file of the keys that may log in; relative to etc/")
        String authorizedKeysFile() default "ssh/authorized_keys";

        @AttributeDefinition(description = "Password login: pbkdf2-sha256:... made by bin/gatehouse-shell --hash-password; empty means keys only")
        String passwordHash() default "";

        @AttributeDefinition(description = "Host key file, generated on first start; relative to data/")
        String hostKeyFile() default "ssh/host_key";

        @AttributeDefinition(description = "Seconds without traffic before a session is closed")
        int idleTimeout() default 1800;

        @AttributeDefinition(description = "Failed logins from one address before it is refused for 1 s, then 2 s, 4 s, ...")
        int backoffAfter() default 5;

        @AttributeDefinition(description = "Longest refusal after repeated failures, in seconds")
        int backoffMaxSeconds() default 300;
    }

    private final SshShell shell;

    @Activate
    public SshShellComponent(BundleContext context, @Reference CommandProcessor processor, Config config) throws IOException {
        if (!config.enabled()) {
            LOG.info("SSH shell off (enabled=false in etc/{}.cfg)", PID);
            this.shell = null;
            return;
        }
        Settings settings;
        try {
            settings = Settings.of(config, folder(context, "gatehouse.etc", "etc"), folder(context, "gatehouse.data", "data"));
        } catch (IllegalArgumentException e) {
            LOG.error("SSH shell not started: {}; fix etc/{}.cfg", e.getMessage(), PID);
            throw e;
        }
        try {
            this.shell = SshShell.start(settings, processor);
        } catch (IOException e) {
            LOG.error("SSH shell cannot listen on {}:{}: {}; change host/port in etc/{}.cfg", settings.host(), settings.port(), e.toString(), PID);
            throw e;
        }
        LOG.info("SSH shell listening on {}:{} for user '{}' (keys in {}{})", settings.host(), shell.port(), settings.user(),
            settings.authorizedKeys(), settings.password().isPresent() ? ", or password" : "");
    }

    @Deactivate
    void stop() throws IOException {
        if (shell != null) {
            shell.close();
            LOG.info("SSH shell stopped");
        }
    }

    /** A folder named by a framework property (the launcher sets them), else the bundle's data area. */
    private static Path folder(BundleContext context, String property, String fallback) {
        String value = context.getProperty(property);
        return value != null ? Path.of(value) : context.getDataFile(fallback).toPath();
    }
}
