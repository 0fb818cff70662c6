package org.gatehouse.bootstrap.smartcard.impl;

import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * What a SELECT's FCP template (tag 62, ETSI TS 102 221 11.1.1.3) says about a file: its size, and for
 * a linear fixed file its record length and count. A card that sends none, or one this cannot read,
 * gives {@link #UNKNOWN}: the file is then read until the card says its end is reached.
 */
record Fcp(int size, int recordLength, int records) {

    static final Fcp UNKNOWN = new Fcp(-1, -1, -1);

    static Fcp parse(byte[] data) {
        try {
            if (data.length == 0 || (data[0] & 0xFF) != 0x62) {
                return UNKNOWN;
            }
            int size = -1;
            int recordLength = -1;
            int records = -1;
            ASN1TaggedObject fcp = Der.tagged(Der.objects(data, "FCP").get(0).object(), BERTags.APPLICATION, 2, "FCP");
            for (ASN1Encodable e : Der.elements(fcp)) {
                if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC || t.getTagNo() > 2) {
                    continue; // life cycle, security attributes, proprietary templates: not needed here
                }
                byte[] v = Der.octets(t);
                switch (t.getTagNo()) {
                    case 0 -> size = new BigInteger(1, v).intValueExact();                    // 80: file size
                    case 1 -> size = size < 0 ? new BigInteger(1, v).intValueExact() : size; // 81: total size
                    case 2 -> {                                                             // 82: descriptor
                        if (v.length >= 5) {
                            recordLength = ((v[2] & 0xFF) << 8) | (v[3] & 0xFF);
                            records = v[4] & 0xFF;
                        }
                    }
                    default -> { }
                }
            }
            return new Fcp(size, recordLength, records);
        } catch (Exception e) {
            return UNKNOWN; // the FCP only helps: without it, reads go to the end the card reports
        }
    }
}
