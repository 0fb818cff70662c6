package org.gatehouse.lwm2m.objects;

import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * Serves one LwM2M object for the Device Management interface. A bundle publishes it as a service
 * with the {@value #OBJECT_ID} property (whiteboard); the registration bundle asks the handler of a
 * request's object. Implemented by the bundles that contribute objects (Device 3 in
 * {@code org.gatehouse.device}, an integrator's own objects); the registration bundle only calls it.
 *
 * <p>The object's instances and values stay in the object store: a handler adds behaviour to them.
 * Each method has a default that does nothing special, so a handler implements only what its object
 * needs. Every method is called after the request has passed the checks the registration makes
 * itself (object model, instance present, access control, writable resources), on a transport
 * thread, possibly on several at once: be quick and thread-safe, and hand long work to a thread of
 * your own. A {@link RuntimeException} thrown by any method answers the request 5.00 Internal
 * Server Error. The Security (0) and OSCORE (21) objects are never served over Device Management,
 * so their handlers are never asked.
 *
 * <p>Objects with a handler and a known model are listed in Register and Update even without
 * instances; when a handler appears or goes, each registered server gets an Update with the new
 * object list. With several handlers for one object the one with the highest
 * {@code service.ranking} (then the lowest {@code service.id}) serves it. The registration bundle
 * serves the Server object (1) itself; a handler published for it is not used.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ObjectHandler {

    /** Service property (Integer), required: the id of the object this handler serves. */
    String OBJECT_ID = "lwm2m.object.id";

    /**
     * Execute on a resource of an existing instance. Runs before the answer is sent: a reboot or any
     * action that could stop the answer from leaving must be started later (after a short delay).
     *
     * @param ssid      Short Server ID of the server that asks
     * @param path      the resource, {@code /object/instance/resource}
     * @param arguments the Execute arguments as sent (LwM2M text such as {@code 0='a',1}); empty when none
     * @return {@link Outcome#changed()} for 2.04, {@link Outcome#notSupported()} (the default) for a
     *         resource this handler does not execute (4.05), or an error outcome
     */
    default Outcome execute(int ssid, LwM2mPath path, String arguments) {
        return Outcome.notSupported();
    }

    /**
     * Asked before a Write is committed. Refusing answers 4.00 Bad Request with the reason, and the
     * store is left unchanged.
     *
     * @param path  what the Write targets: an instance, a resource or a resource instance
     * @param value what will be stored at {@code path}: for an instance, the whole instance as it will
     *              be after the Write (a partial update already merged with the stored resources)
     * @return empty to accept, or why the value is refused
     */
    default Optional<String> validateWrite(int ssid, LwM2mPath path, LwM2mNode value) {
        return Optional.empty();
    }

    /**
     * The instance as a Read or Discover shows it: the default returns {@code stored}; a handler with
     * values that change on their own (a clock, a meter) returns a copy with them added or replaced.
     * Only the view changes, never the store. Called for each instance the request covers.
     *
     * @return an instance with the same id as {@code stored}
     */
    default LwM2mObjectInstance read(int ssid, LwM2mObjectInstance stored) {
        return stored;
    }

    /**
     * Asked before a Create is committed; refusing answers 4.00 Bad Request with the reason.
     *
     * @param instance the new instance, as it will be stored
     */
    default Optional<String> validateCreate(int ssid, LwM2mObjectInstance instance) {
        return Optional.empty();
    }

    /**
     * Asked before a Delete is committed; refusing answers 4.00 Bad Request with the reason.
     *
     * @param instance the instance about to be deleted, as stored
     */
    default Optional<String> validateDelete(int ssid, LwM2mObjectInstance instance) {
        return Optional.empty();
    }
}
