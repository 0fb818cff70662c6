package org.gatehouse.lwm2m.server;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Device management on registered devices: paths are LwM2M paths such as {@code /3/0/0}. Every
 * method returns at once; the stage completes with the device's answer, or exceptionally with
 * {@link IllegalArgumentException} (no such endpoint registered, malformed path or value) or a
 * {@link org.gatehouse.coap.TransportException} (timeout, session gone). For a device in queue mode
 * that is asleep the request is held and goes out when the device next sends an Update or a
 * notification; it fails with a {@link java.util.concurrent.TimeoutException} when the device does
 * not wake within the configured time. Implemented by the server bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface DeviceManager {

    /** Read: the value comes decoded in {@link DeviceResult#node()} when the server has a codec and the object's model. */
    CompletionStage<DeviceResult> read(String endpoint, String path);

    /**
     * Write (replace) of one resource, the value in plain-text content format: numbers, "true"/"false"
     * or "1"/"0", text as is, opaque as Base64, time as seconds since 1970, object links as "3:0".
     */
    CompletionStage<DeviceResult> write(String endpoint, String path, String value);

    /** Execute, with the arguments as the payload (e.g. {@code 0='a',1}); empty for none. */
    CompletionStage<DeviceResult> execute(String endpoint, String path, String arguments);

    /** Discover: the link format is in {@link DeviceResult#text()}. */
    CompletionStage<DeviceResult> discover(String endpoint, String path);

    /**
     * Observe: the stage completes once the device accepted (or refused: then the observation is not
     * {@link DeviceObservation#active()}); each notification goes to {@code notifications} on a transport thread.
     */
    CompletionStage<DeviceObservation> observe(String endpoint, String path, Consumer<DeviceResult> notifications);

    /** The observations in force, oldest first. */
    List<DeviceObservation> observations();
}
