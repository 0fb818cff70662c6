package org.gatehouse.lwm2m.server;

import java.util.Objects;
import java.util.Optional;

import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.model.LwM2mNode;

/**
 * What a device answered to a device-management request or sent as a notification.
 *
 * @param code          the response code
 * @param node          the decoded value of a successful Read or notification; empty for other operations,
 *                      errors and payloads the server has no codec or model for
 * @param text          a readable rendering: the value, the link format of a Discover, or the device's diagnostic
 * @param contentFormat the payload's content format, or -1 without one
 * @since 1.0.0
 */
public record DeviceResult(ResponseCode code, Optional<LwM2mNode> node, String text, int contentFormat) {

    public DeviceResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(text, "text");
    }

    public boolean isSuccess() {
        return code.isSuccess();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? code.toString() : code + ": " + text;
    }
}
