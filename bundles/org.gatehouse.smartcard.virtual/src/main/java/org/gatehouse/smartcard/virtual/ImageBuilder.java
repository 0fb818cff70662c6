package org.gatehouse.smartcard.virtual;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * Builds a UICC image holding an LwM2M bootstrap the way LwM2M TS Appendix G places it: EF DIR
 * (2F00) with a PKCS#15 application template (AID {@code A0 00 00 00 63 50 4B 43 53 2D 31 35}, path of
 * the ADF), the PKCS#15 ADF with EF ODF → EF DODF-bootstrap (an oidDO with OID 2.23.43.9.1 and the path
 * of the bootstrap EF) → EF LwM2M_Bootstrap (the Appendix G container of TLV objects). File IDs, path
 * forms, the OID encoding, EF DIR's record order, padding and PIN protection are choices of the
 * {@link Layout}, so that tests can build the unusual cards met in the field.
 */
public final class ImageBuilder {

    /** The PKCS#15 application identifier. */
    public static final byte[] PKCS15_AID = HexFormat.of().parseHex("A000000063504B43532D3135");
    /** DER content of OID 2.23.43.9.1. */
    static final byte[] LWM2M_OID = HexFormat.of().parseHex("672B0901");
    /** A USIM-like ATR. */
    public static final byte[] ATR = HexFormat.of().parseHex("3B9F96801FC78031A073BE21136743200718000001A5");

    /** How the references between the files are written. */
    public enum PathForm {
        /** The file ID alone, relative to the ADF (e.g. {@code 6432}). */
        FID,
        /** {@code 7FFF} (the current ADF) and the file ID, as Nordic's test card does. */
        CURRENT_ADF,
        /** From the MF: {@code 3F00}, the ADF's ID, the file ID. */
        FROM_MF
    }

    /** The OID of the DODF entry: as the spec says, or doubly encoded as in the spec's example and on live SIMs. */
    public enum OidEncoding { STANDARD, DOUBLE }

    /**
     * Where the files are and how they point at each other.
     *
     * @param dirRecord     the PKCS#15 template's record number in EF DIR (1-based); other records hold a USIM-like application
     * @param padTo         size of EF LwM2M_Bootstrap, filled with FF after the content (0 = exact)
     * @param pin           a PIN that protects EF LwM2M_Bootstrap (the DODF entry is then marked private)
     */
    public record Layout(int adf, int odf, int dodf, int bootstrapEf, PathForm pathForm, OidEncoding oid, int dirRecord, int padTo,
            Optional<CardImage.Pin> pin) {

        public static Layout standard() {
            return new Layout(0x5015, 0x5031, 0x6430, 0x6432, PathForm.CURRENT_ADF, OidEncoding.STANDARD, 1, 0, Optional.empty());
        }

        public Layout withFiles(int newAdf, int newOdf, int newDodf, int newEf) {
            return new Layout(newAdf, newOdf, newDodf, newEf, pathForm, oid, dirRecord, padTo, pin);
        }

        public Layout withPathForm(PathForm form) {
            return new Layout(adf, odf, dodf, bootstrapEf, form, oid, dirRecord, padTo, pin);
        }

        public Layout withOid(OidEncoding encoding) {
            return new Layout(adf, odf, dodf, bootstrapEf, pathForm, encoding, dirRecord, padTo, pin);
        }

        public Layout withDirRecord(int record) {
            return new Layout(adf, odf, dodf, bootstrapEf, pathForm, oid, record, padTo, pin);
        }

        public Layout withPadTo(int size) {
            return new Layout(adf, odf, dodf, bootstrapEf, pathForm, oid, dirRecord, size, pin);
        }

        public Layout withPin(int reference, String value) {
            return new Layout(adf, odf, dodf, bootstrapEf, pathForm, oid, dirRecord, padTo, Optional.of(new CardImage.Pin(reference, value)));
        }
    }

    private ImageBuilder() {
    }

    /** Decodes a SenML JSON bootstrap description (the factory-file format) into TLV objects, implicit versions. */
    public static List<BootstrapFile.Entry> entries(byte[] senmlJson) throws CodecException {
        ModelLookup models = CoreModels.all()::find;
        List<BootstrapFile.Entry> entries = new ArrayList<>();
        TlvCodec tlv = new TlvCodec();
        for (LwM2mObject o : new SenmlJsonCodec().decodeObjects(senmlJson, models)) {
            entries.add(BootstrapFile.Entry.implicit(o.id(), tlv.encode(LwM2mPath.of(o.id()), o, models)));
        }
        return entries;
    }

    /** The card image for a SenML JSON bootstrap description. */
    public static CardImage fromSenml(byte[] senmlJson, Layout layout) throws CodecException {
        return build(BootstrapFile.encode(entries(senmlJson)), layout);
    }

    /** The card image around the given EF LwM2M_Bootstrap content. */
    public static CardImage build(byte[] bootstrapContent, Layout layout) {
        String adfPath = "3F00/" + fid(layout.adf());
        List<byte[]> dir = new ArrayList<>();
        byte[] usim = tlv(0x61, concat(tlv(0x4F, HexFormat.of().parseHex("A0000000871002FF49FF0589")), tlv(0x50, ascii("USIM"))));
        for (int r = 1; r < layout.dirRecord(); r++) {
            dir.add(usim);
        }
        dir.add(tlv(0x61, concat(tlv(0x4F, PKCS15_AID), tlv(0x50, ascii("LwM2M PKCS#15")),
            tlv(0x51, HexFormat.of().parseHex("3F00" + fid(layout.adf()))))));
        byte[] odf = tlv(0xA7, path(reference(layout, layout.dodf())));
        byte[] oid = layout.oid() == OidEncoding.STANDARD ? tlv(0x06, LWM2M_OID) : tlv(0x06, tlv(0x06, LWM2M_OID));
        // private + modifiable (BIT STRING, 6 unused bits) and authId 01, or no flags at all
        byte[] flags = layout.pin().isPresent() ? concat(tlv(0x03, new byte[] {0x06, (byte) 0xC0}), tlv(0x04, new byte[] {0x01})) : new byte[0];
        byte[] common = tlv(0x30, concat(tlv(0x0C, ascii("LwM2M Bootstrap")), flags));
        byte[] dodf = tlv(0xA1, concat(common, tlv(0x30, tlv(0x0C, ascii("LwM2M"))),
            tlv(0xA1, tlv(0x30, concat(oid, path(reference(layout, layout.bootstrapEf())))))));
        byte[] content = bootstrapContent;
        if (layout.padTo() > content.length) {
            content = Arrays.copyOf(content, layout.padTo());
            Arrays.fill(content, bootstrapContent.length, content.length, (byte) 0xFF);
        }
        List<CardImage.FileNode> files = List.of(
            new CardImage.FileNode("3F00", true, null, false, List.of(), false),
            new CardImage.FileNode("3F00/2F00", false, null, true, dir, false),
            new CardImage.FileNode(adfPath, true, PKCS15_AID, false, List.of(), false),
            new CardImage.FileNode(adfPath + "/" + fid(layout.odf()), false, null, false, List.of(odf), false),
            new CardImage.FileNode(adfPath + "/" + fid(layout.dodf()), false, null, false, List.of(dodf), false),
            new CardImage.FileNode(adfPath + "/" + fid(layout.bootstrapEf()), false, null, false, List.of(content), layout.pin().isPresent()));
        return new CardImage(ATR, files, layout.pin());
    }

    private static byte[] reference(Layout layout, int fid) {
        return HexFormat.of().parseHex(switch (layout.pathForm()) {
            case FID -> fid(fid);
            case CURRENT_ADF -> "7FFF" + fid(fid);
            case FROM_MF -> "3F00" + fid(layout.adf()) + fid(fid);
        });
    }

    private static String fid(int fid) {
        return String.format("%04X", fid);
    }

    /** A PKCS#15 Path: SEQUENCE { path OCTET STRING }. */
    private static byte[] path(byte[] path) {
        return tlv(0x30, tlv(0x04, path));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length < 0x100) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
