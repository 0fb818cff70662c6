package org.gatehouse.coap;

/**
 * CoAP request methods used by LwM2M.
 *
 * @since 1.0.0
 */
public enum Method {
    GET, POST, PUT, DELETE, FETCH, IPATCH
}
