package org.gatehouse.lwm2m.codec;

import java.util.List;

/**
 * A CoAP content format used by LwM2M.
 *
 * @since 1.0.0
 */
public record ContentFormat(int code, String name, String mediaType) {

    public static final ContentFormat TEXT = new ContentFormat(0, "TEXT", "text/plain;charset=utf-8");
    public static final ContentFormat LINK = new ContentFormat(40, "LINK", "application/link-format");
    public static final ContentFormat OPAQUE = new ContentFormat(42, "OPAQUE", "application/octet-stream");
    public static final ContentFormat CBOR = new ContentFormat(60, "CBOR", "application/cbor");
    public static final ContentFormat SENML_JSON = new ContentFormat(110, "SENML_JSON", "application/senml+json");
    public static final ContentFormat SENML_CBOR = new ContentFormat(112, "SENML_CBOR", "application/senml+cbor");
    public static final ContentFormat TLV = new ContentFormat(11542, "TLV", "application/vnd.oma.lwm2m+tlv");
    public static final ContentFormat JSON = new ContentFormat(11543, "JSON", "application/vnd.oma.lwm2m+json");

    public static final List<ContentFormat> KNOWN = List.of(TEXT, LINK, OPAQUE, CBOR, SENML_JSON, SENML_CBOR, TLV, JSON);

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
