package org.gatehouse.bootstrap.smartcard.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.junit.jupiter.api.Test;

/** The PKCS#15 structures of Appendix G parsed with BouncyCastle: TV-6, both OID encodings, other shapes cards take. */
class Pkcs15Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tv6_odf_points_at_the_dodf() throws CardDataException {
        List<Pkcs15.Path> dodfs = Pkcs15.dataObjectDirectories(Vectors.TV6_ODF);
        assertEquals(1, dodfs.size());
        assertArrayEquals(HEX.parseHex("6430"), dodfs.get(0).path());
        assertEquals(-1, dodfs.get(0).index());
    }

    @Test
    void tv6_dodf_with_the_doubly_encoded_oid_is_accepted_and_flagged() throws CardDataException {
        Pkcs15.Entry e = Pkcs15.bootstrapEntry(Vectors.TV6_DODF, "EF DODF").orElseThrow();
        assertArrayEquals(HEX.parseHex("6432"), e.path().path());
        assertTrue(e.misencodedOid());
        assertFalse(e.privateObject());
        assertEquals("", e.label(), "TV-6 has empty common attributes");
    }

    @Test
    void the_standard_oid_encoding_is_accepted() throws CardDataException {
        Pkcs15.Entry e = Pkcs15.bootstrapEntry(Vectors.TV6_DODF_STANDARD, "EF DODF").orElseThrow();
        assertArrayEquals(HEX.parseHex("6432"), e.path().path());
        assertFalse(e.misencodedOid());
    }

    @Test
    void padding_after_the_der_is_ignored() throws CardDataException {
        byte[] padded = HEX.parseHex(HEX.formatHex(Vectors.TV6_ODF) + "ffffffff0000");
        assertEquals(1, Pkcs15.dataObjectDirectories(padded).size());
    }

    @Test
    void other_data_objects_before_ours_are_skipped_and_other_odf_choices_ignored() throws CardDataException {
        // [0] privateKeys → 4401, then [7] dataObjects → 3F00 5015 4402 with index and length
        byte[] odf = HEX.parseHex("A006300404024401" + "A710300E04063F0050154402020110800140");
        List<Pkcs15.Path> dodfs = Pkcs15.dataObjectDirectories(odf);
        assertEquals(1, dodfs.size());
        assertArrayEquals(HEX.parseHex("3F0050154402"), dodfs.get(0).path());
        assertEquals(16, dodfs.get(0).index());
        assertEquals(64, dodfs.get(0).length());
        // an oidDO with an unrelated OID (2.5.4.3), then ours
        byte[] unrelated = HEX.parseHex("A11230003000A10C300A0603550403300304017F");
        byte[] dodf = HEX.parseHex(HEX.formatHex(unrelated) + HEX.formatHex(Vectors.TV6_DODF_STANDARD));
        Optional<Pkcs15.Entry> e = Pkcs15.bootstrapEntry(dodf, "EF DODF");
        assertTrue(e.isPresent());
        assertArrayEquals(HEX.parseHex("6432"), e.get().path().path());
    }

    @Test
    void the_oid_as_application_oid_of_an_opaque_object_is_found_too() throws CardDataException {
        // opaqueDO: common {label "LwM2M"}, class {applicationOID 2.23.43.9.1}, [1] { Path 6432 }
        byte[] dodf = HEX.parseHex("3019" + "3007" + "0C054C774D324D" + "3006" + "0604672B0901" + "A106" + "30040402" + "6432");
        Pkcs15.Entry e = Pkcs15.bootstrapEntry(dodf, "EF DODF").orElseThrow();
        assertEquals("LwM2M", e.label());
        assertArrayEquals(HEX.parseHex("6432"), e.path().path());
    }

    @Test
    void private_flag_and_auth_id_are_read() throws CardDataException {
        // common {label, flags private|modifiable, authId 01}
        byte[] dodf = HEX.parseHex("A125" + "300B" + "0C024C42" + "030206C0" + "040101" + "3000" + "A1" + "10" + "300E" + "0606" + "0604672B0901"
            + "30040402" + "6432");
        dodf[1] = (byte) (dodf.length - 2);
        Pkcs15.Entry e = Pkcs15.bootstrapEntry(dodf, "EF DODF").orElseThrow();
        assertTrue(e.privateObject());
        assertArrayEquals(new byte[] {1}, e.authId().orElseThrow());
        assertEquals("LB", e.label());
    }

    @Test
    void a_dodf_without_our_oid_gives_nothing() throws CardDataException {
        assertTrue(Pkcs15.bootstrapEntry(HEX.parseHex("A11230003000A10C300A0603550403300304017F"), "EF DODF").isEmpty());
        assertTrue(Pkcs15.bootstrapEntry(new byte[] {(byte) 0xFF, (byte) 0xFF}, "EF DODF").isEmpty(), "an empty (padded) file");
    }

    @Test
    void ef_dir_records_give_the_applications() throws CardDataException {
        byte[] record = HEX.parseHex("611F4F0CA000000063504B43532D3135500D4C774D324D20504B43532331355102" + "5015" + "FFFF");
        record[1] = (byte) 0x21;
        List<Pkcs15.Application> apps = Pkcs15.applications(record, 2);
        assertEquals(1, apps.size());
        assertTrue(apps.get(0).isPkcs15());
        assertEquals("LwM2M PKCS#15", apps.get(0).label());
        assertArrayEquals(HEX.parseHex("5015"), apps.get(0).path().orElseThrow());
        byte[] usim = HEX.parseHex("61124F0CA0000000871002FF49FF058950045553494D");
        usim[1] = (byte) (usim.length - 2);
        assertFalse(Pkcs15.applications(usim, 1).get(0).isPkcs15());
    }

    @Test
    void truncated_or_corrupt_structures_are_refused_with_the_file_and_offset() {
        CardDataException truncated = assertThrows(CardDataException.class, () -> Pkcs15.bootstrapEntry(
            java.util.Arrays.copyOf(Vectors.TV6_DODF, 20), "EF DODF 6430"));
        assertTrue(truncated.getMessage().startsWith("EF DODF 6430: at byte 0: malformed DER"), truncated.getMessage());
        assertFalse(truncated.absent());
        CardDataException odf = assertThrows(CardDataException.class, () -> Pkcs15.dataObjectDirectories(HEX.parseHex("A70404026430")));
        assertTrue(odf.getMessage().contains("EF ODF: at byte 0: dataObjects: expected a Path"), odf.getMessage());
        CardDataException notTemplate = assertThrows(CardDataException.class, () -> Pkcs15.applications(HEX.parseHex("4F02A000"), 1));
        assertTrue(notTemplate.getMessage().contains("EF DIR record 1 at byte 0: expected tag [APPLICATION 1]"), notTemplate.getMessage());
        CardDataException oddPath = assertThrows(CardDataException.class, () -> Pkcs15.dataObjectDirectories(HEX.parseHex("A70530030401FF")));
        assertTrue(oddPath.getMessage().contains("a path of 1 byte(s)"), oddPath.getMessage());
    }
}
