package org.gatehouse.bootstrap.smartcard.impl;

import java.util.HexFormat;

/** The reference's test vectors (lwm2m-bootstrap-reference.md section 12). */
final class Vectors {

    static final HexFormat HEX = HexFormat.of();

    /** TV-2: Security (PSK) + Server instances in an EF LwM2M_Bootstrap file (Anjay's generator), 126 bytes. */
    static final byte[] TV2 = HEX.parseHex("0002007a000000005e08015bc80022636f6170733a2f2f65752e696f742e617673797374656d2e636c6f75643a35363834"
        + "c10100c10200c803146578616d706c652d70736b2d6964656e74697479c805133378406d706c3350354b3533637233744b3379c10a01000100001208010f"
        + "c10001c40100015180c10600c10755");

    /** TV-3: a bootstrap-server Security instance (NoSec) read from a SIM (Nordic's test), with the card's FF padding. */
    static final byte[] TV3 = HEX.parseHex("000100360000000031" + "08002e" + "c80025" + HEX.formatHex("coap://leshan.eclipseprojects.io:5783".getBytes())
        + "c10101" + "c10203" + "ffff");

    /** TV-6: EF ODF and EF DODF (the doubly encoded OID of the spec's example, as on live SIMs). */
    static final byte[] TV6_ODF = HEX.parseHex("A706300404026430");
    static final byte[] TV6_DODF = HEX.parseHex("A12730003011" + "0C0F" + HEX.formatHex("LwM2M Bootstrap".getBytes())
        + "A110300E" + "0606" + "0604672B0901" + "30040402" + "6432");
    /** TV-6's DODF as a spec-conformant card has it: 06 04 67 2B 09 01. */
    static final byte[] TV6_DODF_STANDARD = HEX.parseHex("A12530003011" + "0C0F" + HEX.formatHex("LwM2M Bootstrap".getBytes())
        + "A10E300C" + "0604" + "672B0901" + "30040402" + "6432");

    private Vectors() {
    }
}
