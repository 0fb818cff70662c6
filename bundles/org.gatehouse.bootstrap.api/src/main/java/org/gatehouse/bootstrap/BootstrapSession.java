package org.gatehouse.bootstrap;

import java.util.List;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * The writes and deletes of one bootstrap, applied atomically by {@link #finish()} or not at all.
 * Bootstrap semantics apply: writes create or replace, the bootstrap-server account and the Device
 * instance survive every delete. The session holds no lock on the store while open: {@link #finish()}
 * applies its writes and deletes, in order, to the configuration committed at that moment, so a change
 * committed meanwhile by someone else (a server's Write) is kept unless this session writes or deletes
 * the same instance. Implemented by the bootstrap bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapSession extends AutoCloseable {

    /** The configuration as this session would leave it. */
    ObjectTree view();

    void write(LwM2mPath path, LwM2mNode node) throws BootstrapException;

    void delete(LwM2mPath path) throws BootstrapException;

    /**
     * Makes each given object hold exactly the given instances (a factory file, a Bootstrap-Pack): its
     * other instances go, except those a delete never removes.
     */
    default void replaceObjects(List<LwM2mObject> objects) throws BootstrapException {
        for (LwM2mObject o : objects) {
            delete(LwM2mPath.of(o.id()));
            write(LwM2mPath.of(o.id()), o);
        }
    }

    /** The consistency problems the configuration has now; empty when it may be committed. */
    List<String> check();

    /**
     * Checks consistency and commits. On problems nothing is committed, the session stays open, and
     * the exception lists them, so that the bootstrap server may fix them and finish again. Before the
     * check, the Server instances and ACL entries of server accounts whose Security instance this
     * session removed go too, unless the session wrote them. A failed commit throws with the store's
     * exception as the cause; the previous configuration stays.
     */
    void finish() throws BootstrapException;

    /**
     * {@link #finish()} for a bootstrap server's Bootstrap-Finish or Bootstrap-Pack: the configuration must
     * also hold at least one LwM2M server account (a factory configuration may hold only a bootstrap-server
     * account).
     *
     * @since 1.1.0
     */
    void finishWithServerAccount() throws BootstrapException;

    /**
     * Removes an object instance whatever it is, the bootstrap-server account included, for a mode that
     * takes back what it wrote itself (the smartcard mode when its card is gone). Absent is not an error.
     *
     * @since 1.3.0
     */
    default void withdraw(LwM2mPath instance) throws BootstrapException {
        throw new BootstrapException("this session cannot withdraw " + instance);
    }

    /**
     * {@link #finish()} after a mode withdrew its configuration: a configuration with no server and no
     * bootstrap-server account at all (the gateway as it left the factory, waiting for a mode to configure
     * it) is accepted too. Every other problem still refuses the commit.
     *
     * @since 1.3.0
     */
    default void finishWithdrawal() throws BootstrapException {
        finish();
    }

    boolean isOpen();

    /** Ends the session; what was not finished is discarded. */
    @Override
    void close();
}
