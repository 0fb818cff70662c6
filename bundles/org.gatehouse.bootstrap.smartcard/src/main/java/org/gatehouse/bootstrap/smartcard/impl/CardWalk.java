package org.gatehouse.bootstrap.smartcard.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.smartcard.ApduChannel;
import org.gatehouse.smartcard.CardSession;
import org.gatehouse.smartcard.CommandApdu;
import org.gatehouse.smartcard.ResponseApdu;
import org.gatehouse.smartcard.SmartcardException;

/**
 * Walks a UICC to EF LwM2M_Bootstrap as LwM2M TS Appendix G says a device does: EF DIR → the PKCS#15
 * application → MANAGE CHANNEL and SELECT by AID → EF ODF → each DODF it lists → the data object with
 * OID 2.23.43.9.1 → its path → READ BINARY in chunks sized from the FCP. File IDs, paths and record
 * order are taken from the card. A private entry is read after VERIFY with the configured PIN.
 */
final class CardWalk {

    /** The PIN to present when the bootstrap object is private; never logged. */
    interface Pin {
        Optional<String> value();

        int reference();

        /** The card refused it: it must not be presented again (each try costs one of the card's few). */
        void refused(String status);
    }

    /** What the walk found: the EF's content (with any padding) and the steps, one line per file. */
    record Result(byte[] content, List<String> steps) {
    }

    private static final int EF_DIR = 0x2F00;
    private static final byte[] ODF = {0x50, 0x31};
    private static final int MAX_FILE = 0x7FFF; // READ BINARY offsets have 15 bits; Appendix G allows 32 KB

    private final CardSession session;
    private final Pin pin;
    private final List<String> steps = new ArrayList<>();

    CardWalk(CardSession session, Pin pin) {
        this.session = session;
        this.pin = pin;
    }

    Result read() throws SmartcardException, CardDataException {
        Pkcs15.Application app = pkcs15Application();
        ApduChannel channel;
        try {
            channel = session.openLogicalChannel();
            steps.add("MANAGE CHANNEL: logical channel " + channel.number());
        } catch (SmartcardException e) {
            if (e.kind() != SmartcardException.Kind.REFUSED) {
                throw e;
            }
            channel = session.basicChannel(); // a card without a free channel: the basic channel will do
            steps.add("MANAGE CHANNEL refused (" + e.getMessage() + "): using the basic channel");
        }
        try {
            ResponseApdu selected = channel.transmit(new CommandApdu(0x00, 0xA4, 0x04, 0x04, app.aid(), 256));
            if (!selected.isOk()) {
                throw new CardDataException("SELECT of the PKCS#15 application " + Der.HEX.formatHex(app.aid()) + " answered "
                    + selected.swHex(), selected.sw() == 0x6A82);
            }
            steps.add("SELECT AID " + Der.HEX.formatHex(app.aid()) + " (" + app.label() + ")");
            byte[] odf = readFile(channel, new Pkcs15.Path(ODF, -1, -1), "EF ODF", false, b -> -1);
            List<Pkcs15.Path> dodfs = Pkcs15.dataObjectDirectories(odf);
            steps.add("EF ODF 5031: " + dodfs.size() + " data object directory(ies) " + dodfs);
            for (Pkcs15.Path dodfPath : dodfs) {
                String name = "EF DODF " + dodfPath;
                Optional<Pkcs15.Entry> entry = Pkcs15.bootstrapEntry(readFile(channel, dodfPath, name, false, b -> -1), name);
                if (entry.isPresent()) {
                    Pkcs15.Entry e = entry.get();
                    steps.add(name + ": \"" + e.label() + "\" with OID 2.23.43.9.1" + (e.misencodedOid() ? " (doubly encoded, as on some SIMs)" : "")
                        + (e.privateObject() ? ", private" : "") + " → " + e.path());
                    byte[] content = readFile(channel, e.path(), BootstrapContainer.FILE, e.privateObject(), CardWalk::containerLength);
                    steps.add(BootstrapContainer.FILE + " " + e.path() + ": " + content.length + " bytes");
                    return new Result(content, steps);
                }
                steps.add(name + ": no entry with OID 2.23.43.9.1");
            }
            throw new CardDataException("no PKCS#15 data object with OID 2.23.43.9.1 (LwM2M bootstrap) on the card", true);
        } finally {
            channel.close();
        }
    }

    List<String> steps() {
        return List.copyOf(steps);
    }

    private Pkcs15.Application pkcs15Application() throws SmartcardException, CardDataException {
        ApduChannel basic = session.basicChannel();
        ResponseApdu r = basic.transmit(new CommandApdu(0x00, 0xA4, 0x08, 0x04, new byte[] {0x2F, 0x00}, 256));
        if (!r.isOk()) {
            throw new CardDataException("no EF DIR (SELECT 2F00 answered " + r.swHex() + ")", true);
        }
        Fcp fcp = Fcp.parse(r.data());
        int records = fcp.records() > 0 ? fcp.records() : 254;
        for (int n = 1; n <= records; n++) {
            ResponseApdu rec = basic.transmit(new CommandApdu(0x00, 0xB2, n, 0x04, fcp.recordLength() > 0 ? Math.min(256, fcp.recordLength()) : 256));
            if (rec.sw() == 0x6A83) {
                break; // record not found: the end of the file
            }
            if (!rec.isOk()) {
                throw new CardDataException("EF DIR: READ RECORD " + n + " answered " + rec.swHex(), false);
            }
            for (Pkcs15.Application app : Pkcs15.applications(rec.data(), n)) {
                if (app.isPkcs15()) {
                    steps.add(String.format("EF DIR %04X record %d: PKCS#15 application %s \"%s\"", EF_DIR, n, Der.HEX.formatHex(app.aid()), app.label()));
                    return app;
                }
            }
        }
        throw new CardDataException("EF DIR lists no PKCS#15 application (AID A000000063504B43532D3135)", true);
    }

    /**
     * The bytes of EF LwM2M_Bootstrap that matter, once its header is read: 4 + size. The rest of a
     * fixed-size file is padding, not worth a READ BINARY.
     */
    static int containerLength(byte[] start) {
        return start.length < 4 ? -1 : 4 + (((start[2] & 0xFF) << 8) | (start[3] & 0xFF));
    }

    /**
     * Selects a file by a PKCS#15 path and reads it (or the part the path gives), in chunks sized from
     * its FCP, stopping early once {@code enough} (given what was read) says how much is needed.
     */
    private byte[] readFile(ApduChannel channel, Pkcs15.Path path, String name, boolean privateObject,
            java.util.function.ToIntFunction<byte[]> enough) throws SmartcardException, CardDataException {
        Fcp fcp = select(channel, path.path(), name);
        int offset = Math.max(path.index(), 0);
        int size = path.length() >= 0 ? path.length() : fcp.size() >= 0 ? fcp.size() - offset : -1;
        if (size > MAX_FILE || offset + Math.max(size, 0) > MAX_FILE + 1) {
            throw new CardDataException(name + ": " + size + " bytes at offset " + offset + " cannot be read with READ BINARY (at most 32 KB)", false);
        }
        boolean verified = false;
        if (privateObject) {
            verify(channel, name, true); // the DODF says so: no READ BINARY that would only answer 6982
            verified = true;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (size < 0 || out.size() < size) {
            int at = offset + out.size();
            int want = size < 0 ? 256 : Math.min(256, size - out.size());
            ResponseApdu r = channel.transmit(new CommandApdu(0x00, 0xB0, at >> 8, at & 0xFF, want));
            if (r.sw() == 0x6982 && !verified) { // not marked private, but the file's access rule wants a PIN
                verify(channel, name, false);
                verified = true;
                continue;
            }
            if (r.sw() == 0x6B00 && size < 0) {
                break; // offset past the end: the whole file was read
            }
            if (!r.isOk() && r.sw() != 0x6282) {
                throw new CardDataException(name + ": READ BINARY at offset " + at + " answered " + r.swHex(), false);
            }
            out.writeBytes(r.data());
            if (r.sw() == 0x6282 || r.data().length < want || at + r.data().length > MAX_FILE) {
                break; // the end of the file came first
            }
            int needed = enough.applyAsInt(out.toByteArray());
            if (needed >= 0 && (size < 0 || needed < size)) {
                size = needed; // what follows is padding (or missing: the container's parser says so)
            }
        }
        if (size >= 0 && out.size() < size && enough.applyAsInt(out.toByteArray()) < 0) {
            throw new CardDataException(name + ": the card gave " + out.size() + " of the " + size + " bytes its FCP announces", false);
        }
        return out.toByteArray();
    }

    private Fcp select(ApduChannel channel, byte[] path, String name) throws SmartcardException, CardDataException {
        int p1;
        byte[] data = path;
        if (path.length == 2) {
            p1 = 0x00; // a file ID: a file of the current DF (the PKCS#15 application)
        } else if (path[0] == 0x3F && path[1] == 0x00) {
            p1 = 0x08; // from the MF
            data = Arrays.copyOfRange(path, 2, path.length);
        } else if ((path[0] & 0xFF) == 0x7F && (path[1] & 0xFF) == 0xFF) {
            p1 = 0x08; // 7FFF: the current application, as Nordic's trace does
        } else {
            p1 = 0x09; // relative to the current DF
        }
        ResponseApdu r = channel.transmit(new CommandApdu(0x00, 0xA4, p1, 0x04, data, 256));
        if (!r.isOk()) {
            throw new CardDataException(name + ": SELECT " + Der.HEX.formatHex(path) + " answered " + r.swHex()
                + (r.sw() == 0x6A82 ? " (file not found)" : ""), false);
        }
        return Fcp.parse(r.data());
    }

    private void verify(ApduChannel channel, String name, boolean privateObject) throws SmartcardException, CardDataException {
        Optional<String> value = pin.value();
        if (value.isEmpty()) {
            throw new CardDataException(name + " needs a PIN" + (privateObject ? " (its DODF entry is private)" : "")
                + " and none is configured, or the configured one was refused before (pin.file of org.gatehouse.bootstrap.smartcard)", false);
        }
        byte[] block = Arrays.copyOf(value.get().getBytes(StandardCharsets.US_ASCII), 8);
        Arrays.fill(block, Math.min(value.get().length(), 8), 8, (byte) 0xFF);
        ResponseApdu r = channel.transmit(new CommandApdu(0x00, 0x20, 0x00, pin.reference(), block, CommandApdu.NO_RESPONSE_DATA));
        Arrays.fill(block, (byte) 0);
        if (!r.isOk()) {
            pin.refused(r.swHex());
            throw new CardDataException(name + ": the card refused the configured PIN (" + r.swHex()
                + (r.sw1() == 0x63 ? ", " + (r.sw2() & 0x0F) + " tries left" : "") + "); it is not presented again until it changes", false);
        }
        steps.add("VERIFY PIN " + String.format("%02X", pin.reference()) + ": accepted");
    }
}
