package org.gatehouse.bootstrap.smartcard.impl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.gatehouse.bootstrap.smartcard.CardDataException;

/** BouncyCastle's ASN.1 parser applied to card files: padding, implicit tags, precise errors. */
final class Der {

    static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Der() {
    }

    /** An element of a file: the object and where it starts. */
    record At(ASN1Primitive object, int offset) {
    }

    /**
     * The DER objects one after the other in a file's content, up to the end or to padding (00 or FF
     * where a tag would start: cards fill their fixed-size files).
     */
    static List<At> objects(byte[] content, String file) throws CardDataException {
        List<At> out = new ArrayList<>();
        int pos = 0;
        while (pos < content.length && content[pos] != 0x00 && content[pos] != (byte) 0xFF) {
            ByteArrayInputStream in = new ByteArrayInputStream(content, pos, content.length - pos);
            try (ASN1InputStream asn1 = new ASN1InputStream(in, content.length - pos)) {
                ASN1Primitive p = asn1.readObject();
                out.add(new At(p, pos));
                pos = content.length - in.available();
            } catch (IOException | RuntimeException e) {
                throw new CardDataException(file + ": at byte " + pos + ": malformed DER (" + e.getMessage() + ")", false);
            }
        }
        return out;
    }

    static ASN1TaggedObject tagged(ASN1Encodable e, int tagClass, int tagNo, String what) throws CardDataException {
        if (e instanceof ASN1TaggedObject t && t.getTagClass() == tagClass && t.getTagNo() == tagNo) {
            return t;
        }
        throw new CardDataException(what + ": expected tag " + tagName(tagClass, tagNo) + ", found " + describe(e), false);
    }

    /** The content of an implicitly tagged primitive (4F AID, 80 size, ...). */
    static byte[] octets(ASN1TaggedObject t) {
        return ((ASN1OctetString) t.getBaseUniversal(false, BERTags.OCTET_STRING)).getOctets();
    }

    /** The elements of an implicitly tagged constructed object (61 template, A1 oidDO, ...). */
    static ASN1Sequence elements(ASN1TaggedObject t) {
        return (ASN1Sequence) t.getBaseUniversal(false, BERTags.SEQUENCE);
    }

    static String describe(ASN1Encodable e) {
        if (e instanceof ASN1TaggedObject t) {
            return tagName(t.getTagClass(), t.getTagNo());
        }
        return e == null ? "nothing" : e.getClass().getSimpleName().replace("DER", "").replace("DL", "");
    }

    static String tagName(int tagClass, int tagNo) {
        return switch (tagClass) {
            case BERTags.APPLICATION -> "[APPLICATION " + tagNo + "]";
            case BERTags.CONTEXT_SPECIFIC -> "[" + tagNo + "]";
            case BERTags.PRIVATE -> "[PRIVATE " + tagNo + "]";
            default -> "universal " + tagNo;
        };
    }
}
