package org.gatehouse.bootstrap.smartcard.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.gatehouse.bootstrap.smartcard.CardDataException;

/**
 * The PKCS#15 structures on the way to EF LwM2M_Bootstrap (LwM2M TS Appendix G): EF DIR's application
 * templates, EF ODF's data-object directories, EF DODF's entry with OID 2.23.43.9.1, parsed with
 * BouncyCastle's ASN.1 classes. Nothing is assumed about file IDs or record order.
 */
final class Pkcs15 {

    /** The PKCS#15 application identifier (RID A0 00 00 00 63, "PKCS-15"). */
    static final byte[] AID = Der.HEX.parseHex("A000000063504B43532D3135");
    /** DER content of OID 2.23.43.9.1, and the doubly encoded form of the spec's example found on live SIMs. */
    static final byte[] LWM2M_BOOTSTRAP_OID = Der.HEX.parseHex("672B0901");
    static final byte[] MISENCODED_OID = Der.HEX.parseHex("0604672B0901");

    private Pkcs15() {
    }

    /** An application template of EF DIR. */
    record Application(byte[] aid, Optional<byte[]> path, String label) {
        boolean isPkcs15() {
            return aid.length >= AID.length && Arrays.equals(Arrays.copyOf(aid, AID.length), AID);
        }
    }

    /** A PKCS#15 Path: file path, and for a part of a file its offset and length (-1 when absent). */
    record Path(byte[] path, int index, int length) {
        @Override
        public String toString() {
            return Der.HEX.formatHex(path) + (index >= 0 ? " [" + index + "+" + length + "]" : "");
        }
    }

    /** The DODF entry of the LwM2M bootstrap data. */
    record Entry(String label, Path path, boolean privateObject, Optional<byte[]> authId, boolean misencodedOid) {
    }

    /** The application templates (tag 61) in one EF DIR record. */
    static List<Application> applications(byte[] record, int number) throws CardDataException {
        return guarded("EF DIR record " + number, () -> parseApplications(record, number));
    }

    private static List<Application> parseApplications(byte[] record, int number) throws CardDataException {
        String file = "EF DIR record " + number;
        List<Application> apps = new ArrayList<>();
        for (Der.At at : Der.objects(record, file)) {
            ASN1TaggedObject template = Der.tagged(at.object(), BERTags.APPLICATION, 1, file + " at byte " + at.offset());
            byte[] aid = null;
            byte[] path = null;
            String label = "";
            for (ASN1Encodable e : Der.elements(template)) {
                if (e instanceof ASN1TaggedObject t && t.getTagClass() == BERTags.APPLICATION) {
                    switch (t.getTagNo()) {
                        case 15 -> aid = Der.octets(t);
                        case 16 -> label = new String(Der.octets(t), StandardCharsets.UTF_8);
                        case 17 -> path = Der.octets(t);
                        default -> { } // other data objects of the template
                    }
                }
            }
            if (aid == null) {
                throw new CardDataException(file + " at byte " + at.offset() + ": an application template without AID (tag 4F)", false);
            }
            apps.add(new Application(aid, Optional.ofNullable(path), label));
        }
        return apps;
    }

    /** The paths of the data-object directories ({@code [7] dataObjects}) listed in EF ODF. */
    static List<Path> dataObjectDirectories(byte[] odf) throws CardDataException {
        return guarded("EF ODF", () -> parseOdf(odf));
    }

    private static List<Path> parseOdf(byte[] odf) throws CardDataException {
        List<Path> paths = new ArrayList<>();
        for (Der.At at : Der.objects(odf, "EF ODF")) {
            if (!(at.object() instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw new CardDataException("EF ODF: at byte " + at.offset() + ": expected a PKCS15Objects choice ([0]..[8]), found "
                    + Der.describe(at.object()), false);
            }
            if (t.getTagNo() == 7) {
                paths.add(path(t.getExplicitBaseObject(), "EF ODF: at byte " + at.offset() + ": dataObjects"));
            }
        }
        return paths;
    }

    /** The entry for the LwM2M bootstrap data in a DODF, if it has one. */
    static Optional<Entry> bootstrapEntry(byte[] dodf, String file) throws CardDataException {
        return guarded(file, () -> parseDodf(dodf, file));
    }

    private interface Parse<T> {
        T run() throws CardDataException;
    }

    /**
     * BouncyCastle answers structures that do not fit the expected tagging with unchecked exceptions;
     * on card data they are a malformed file like any other.
     */
    private static <T> T guarded(String file, Parse<T> parse) throws CardDataException {
        try {
            return parse.run();
        } catch (RuntimeException e) {
            throw new CardDataException(file + ": malformed structure (" + e.getMessage() + ")", false);
        }
    }

    private static Optional<Entry> parseDodf(byte[] dodf, String file) throws CardDataException {
        for (Der.At at : Der.objects(dodf, file)) {
            String where = file + ": at byte " + at.offset();
            Optional<Entry> e = entry(at.object(), where);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    // PKCS15Data ::= CHOICE { opaqueDO DataObject{Opaque}, externalIDO [0] ..., oidDO [1] DataObject{OidDO} };
    // DataObject ::= SEQUENCE { commonObjectAttributes, classAttributes, [0] subClassAttributes OPTIONAL, [1] typeAttributes }
    private static Optional<Entry> entry(ASN1Encodable object, String where) throws CardDataException {
        ASN1Sequence fields;
        boolean oidDo;
        if (object instanceof ASN1Sequence s) {
            fields = s;
            oidDo = false;
        } else if (object instanceof ASN1TaggedObject t && t.getTagClass() == BERTags.CONTEXT_SPECIFIC && t.getTagNo() == 1) {
            fields = Der.elements(t);
            oidDo = true;
        } else {
            return Optional.empty(); // externalIDO or something newer: not ours
        }
        try {
            ASN1Sequence common = ASN1Sequence.getInstance(fields.getObjectAt(0));
            ASN1Sequence classAttributes = ASN1Sequence.getInstance(fields.getObjectAt(1));
            ASN1TaggedObject type = typeAttributes(fields, where);
            Optional<byte[]> appOid = applicationOid(classAttributes);
            byte[] matched;
            Path path;
            if (oidDo) {
                ASN1Sequence oidDoValue = ASN1Sequence.getInstance(type.getExplicitBaseObject());
                matched = content(ASN1ObjectIdentifier.getInstance(oidDoValue.getObjectAt(0)));
                if (!isBootstrapOid(matched) && !appOid.map(Pkcs15::isBootstrapOid).orElse(false)) {
                    return Optional.empty();
                }
                if (!isBootstrapOid(matched)) {
                    matched = appOid.get();
                }
                path = path(oidDoValue.getObjectAt(1), where + ": OidDO value");
            } else {
                if (appOid.isEmpty() || !isBootstrapOid(appOid.get())) {
                    return Optional.empty();
                }
                matched = appOid.get();
                path = path(type.getExplicitBaseObject(), where + ": opaque value");
            }
            String label = common.size() > 0 && common.getObjectAt(0) instanceof ASN1UTF8String l ? l.getString() : "";
            boolean privateObject = false;
            Optional<byte[]> authId = Optional.empty();
            for (ASN1Encodable c : common) {
                if (c instanceof ASN1BitString flags) {
                    byte[] bits = flags.getBytes();
                    privateObject = bits.length > 0 && (bits[0] & 0x80) != 0;
                } else if (c instanceof ASN1OctetString id) {
                    authId = Optional.of(id.getOctets());
                }
            }
            return Optional.of(new Entry(label, path, privateObject, authId, Arrays.equals(matched, MISENCODED_OID)));
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new CardDataException(where + ": malformed data object (" + e.getMessage() + ")", false);
        }
    }

    private static ASN1TaggedObject typeAttributes(ASN1Sequence fields, String where) throws CardDataException {
        for (int i = 2; i < fields.size(); i++) {
            if (fields.getObjectAt(i) instanceof ASN1TaggedObject t && t.getTagClass() == BERTags.CONTEXT_SPECIFIC && t.getTagNo() == 1) {
                return t;
            }
        }
        throw new CardDataException(where + ": a data object without typeAttributes [1]", false);
    }

    // CommonDataObjectAttributes ::= SEQUENCE { applicationName Label OPTIONAL, applicationOID OBJECT IDENTIFIER OPTIONAL, ... }
    private static Optional<byte[]> applicationOid(ASN1Sequence classAttributes) {
        for (ASN1Encodable e : classAttributes) {
            if (e instanceof ASN1ObjectIdentifier oid) {
                return Optional.of(content(oid));
            }
        }
        return Optional.empty();
    }

    private static boolean isBootstrapOid(byte[] content) {
        return Arrays.equals(content, LWM2M_BOOTSTRAP_OID) || Arrays.equals(content, MISENCODED_OID);
    }

    /** The content octets of an OID as encoded (06 LL content). */
    private static byte[] content(ASN1ObjectIdentifier oid) {
        try {
            byte[] der = oid.getEncoded();
            return Arrays.copyOfRange(der, 2, der.length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // Path ::= SEQUENCE { path OCTET STRING, index INTEGER OPTIONAL, length [0] INTEGER OPTIONAL }
    private static Path path(ASN1Encodable value, String where) throws CardDataException {
        if (!(value instanceof ASN1Sequence s) || s.size() == 0 || !(s.getObjectAt(0) instanceof ASN1OctetString p)) {
            throw new CardDataException(where + ": expected a Path (SEQUENCE { OCTET STRING ... }), found " + Der.describe(value)
                + " (direct or URL values are not supported)", false);
        }
        byte[] bytes = p.getOctets();
        if (bytes.length == 0 || bytes.length % 2 != 0) {
            throw new CardDataException(where + ": a path of " + bytes.length + " byte(s); file IDs take 2 bytes each", false);
        }
        int index = -1;
        int length = -1;
        for (int i = 1; i < s.size(); i++) {
            if (s.getObjectAt(i) instanceof ASN1Integer idx) {
                index = idx.intValueExact();
            } else if (s.getObjectAt(i) instanceof ASN1TaggedObject t && t.getTagNo() == 0) {
                length = ASN1Integer.getInstance(t, false).intValueExact();
            }
        }
        if (index >= 0 && length < 0 || index < 0 && length >= 0) {
            throw new CardDataException(where + ": a path with only one of index and length", false);
        }
        return new Path(bytes, index, length);
    }
}
