package org.gatehouse.smartcard.virtual;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.smartcard.virtual.CardImage.FileNode;

/**
 * A UICC's command processor over a {@link CardImage}: SELECT (by file ID, DF name/AID, path from the
 * MF or the current DF; with or without FCP), READ BINARY (offsets), READ RECORD (absolute), MANAGE
 * CHANNEL (open, close), VERIFY and GET RESPONSE, each logical channel with its own current DF and EF.
 * With {@code t0} set it answers as a T=0 card does: response data only through GET RESPONSE
 * ({@code 61xx}), and {@code 6Cxx} for a READ BINARY whose Le is larger than what is left.
 * Thread-safe: the image may be replaced while a reader talks to the card.
 */
public final class VirtualUicc {

    static final int SW_OK = 0x9000;
    private static final int MAX_CHANNELS = 4;

    private volatile CardImage image;
    private final boolean t0;
    private final Map<Integer, ChannelState> channels = new HashMap<>();
    private byte[] pending = new byte[0];
    private boolean verified;
    private final AtomicInteger commands = new AtomicInteger();

    private static final class ChannelState {
        String df = "3F00";
        FileNode ef;
    }

    public VirtualUicc(CardImage image, boolean t0) {
        this.image = image;
        this.t0 = t0;
        reset();
    }

    public CardImage image() {
        return image;
    }

    /** Replaces the card's content in place, as an over-the-air update would; channel state is kept. */
    public synchronized void replace(CardImage newImage) {
        image = newImage;
    }

    /** A power-on or reset: only the basic channel, at the MF, PIN not verified. */
    public synchronized void reset() {
        channels.clear();
        channels.put(0, new ChannelState());
        pending = new byte[0];
        verified = false;
    }

    /** Commands processed since start. */
    public int commands() {
        return commands.get();
    }

    /** Processes one command APDU and returns the response APDU (data + SW). */
    public synchronized byte[] process(byte[] apdu) {
        commands.incrementAndGet();
        if (apdu.length < 4) {
            return sw(0x6700);
        }
        int cla = apdu[0] & 0xFF;
        int ins = apdu[1] & 0xFF;
        int p1 = apdu[2] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        byte[] data = new byte[0];
        int le = -1;
        if (apdu.length == 5) {
            le = apdu[4] & 0xFF;
            le = le == 0 ? 256 : le;
        } else if (apdu.length > 5) {
            int lc = apdu[4] & 0xFF;
            if (apdu.length < 5 + lc) {
                return sw(0x6700);
            }
            data = Arrays.copyOfRange(apdu, 5, 5 + lc);
            if (apdu.length > 5 + lc) {
                le = apdu[5 + lc] & 0xFF;
                le = le == 0 ? 256 : le;
            }
        }
        if ((cla & 0x80) != 0 && ins != 0xC0) {
            return sw(0x6E00);
        }
        int channel = (cla & 0x40) != 0 ? 4 + (cla & 0x0F) : cla & 0x03;
        if (ins != 0xC0) {
            pending = new byte[0];
        }
        ChannelState state = channels.get(channel);
        if (state == null) {
            return sw(0x6881); // logical channel not supported / not open
        }
        return switch (ins) {
            case 0xA4 -> select(state, p1, p2, data);
            case 0xB0 -> readBinary(state, (p1 & 0x7F) << 8 | p2, le);
            case 0xB2 -> readRecord(state, p1, p2);
            case 0x70 -> manageChannel(channel, p1, p2);
            case 0x20 -> verify(p2, data);
            case 0xC0 -> getResponse(le);
            default -> sw(0x6D00);
        };
    }

    private byte[] select(ChannelState state, int p1, int p2, byte[] data) {
        Optional<FileNode> found = switch (p1) {
            case 0x00 -> data.length == 0 || fid(data, 0).equals("3F00") ? image.file("3F00") : byFid(state, fid(data, 0));
            case 0x04 -> image.files().stream().filter(f -> f.dedicated() && f.aid().length > 0
                && Arrays.equals(Arrays.copyOf(f.aid(), Math.min(data.length, f.aid().length)), data) && data.length > 0).findFirst();
            case 0x08 -> byPath("3F00", data, state);
            case 0x09 -> byPath(state.df, data, state);
            default -> Optional.empty();
        };
        if (p1 > 0x09 || p1 == 0x01 || p1 == 0x02 || p1 == 0x03) {
            return sw(0x6A86);
        }
        if (found.isEmpty()) {
            return sw(0x6A82);
        }
        FileNode f = found.get();
        if (f.dedicated()) {
            state.df = f.path();
            state.ef = null;
        } else {
            state.df = f.parent();
            state.ef = f;
        }
        if ((p2 & 0x0C) == 0x0C) {
            return sw(SW_OK);
        }
        return respond(fcp(f), 256);
    }

    private static String fid(byte[] data, int offset) {
        return offset + 2 <= data.length ? String.format("%02X%02X", data[offset], data[offset + 1]) : "";
    }

    /** A file ID: a child of the current DF, the current DF's parent, or the DF itself. */
    private Optional<FileNode> byFid(ChannelState state, String fid) {
        Optional<FileNode> child = image.file(state.df + "/" + fid);
        if (child.isPresent()) {
            return child;
        }
        if (state.df.endsWith(fid)) {
            return image.file(state.df);
        }
        return image.files().stream().filter(f -> f.path().endsWith("/" + fid) && f.parent().equals(parentOf(state.df))).findFirst();
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** A path of file IDs; 7FFF stands for the current application (the ADF selected on this channel). */
    private Optional<FileNode> byPath(String from, byte[] data, ChannelState state) {
        if (data.length == 0 || data.length % 2 != 0) {
            return Optional.empty();
        }
        String path = from;
        for (int i = 0; i < data.length; i += 2) {
            String fid = fid(data, i);
            if (fid.equals("7FFF")) {
                path = currentApplication(state).orElse(null);
                if (path == null) {
                    return Optional.empty();
                }
            } else if (!(i == 0 && fid.equals("3F00") && from.equals("3F00"))) {
                path = path + "/" + fid;
            }
        }
        return image.file(path);
    }

    private Optional<String> currentApplication(ChannelState state) {
        String df = state.df;
        while (!df.isEmpty()) {
            Optional<FileNode> f = image.file(df);
            if (f.isPresent() && f.get().aid().length > 0) {
                return Optional.of(df);
            }
            df = parentOf(df);
        }
        return Optional.empty();
    }

    /** FCP template (ETSI TS 102 221 11.1.1.3): descriptor, file ID, AID, size, life cycle. */
    static byte[] fcp(FileNode f) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        if (f.dedicated()) {
            t.writeBytes(new byte[] {(byte) 0x82, 0x02, 0x78, 0x21});
        } else if (f.linear()) {
            t.writeBytes(new byte[] {(byte) 0x82, 0x05, 0x42, 0x21, 0x00, (byte) f.recordSize(), (byte) f.records().size()});
        } else {
            t.writeBytes(new byte[] {(byte) 0x82, 0x02, 0x41, 0x21});
        }
        t.writeBytes(new byte[] {(byte) 0x83, 0x02, (byte) (f.fid() >> 8), (byte) f.fid()});
        if (f.aid().length > 0) {
            t.write(0x84);
            t.write(f.aid().length);
            t.writeBytes(f.aid());
        }
        if (!f.dedicated()) {
            int size = f.linear() ? f.recordSize() * f.records().size() : f.content().length;
            t.writeBytes(new byte[] {(byte) 0x80, 0x02, (byte) (size >> 8), (byte) size});
        }
        t.writeBytes(new byte[] {(byte) 0x8A, 0x01, 0x05});
        byte[] body = t.toByteArray();
        byte[] out = new byte[body.length + 2];
        out[0] = 0x62;
        out[1] = (byte) body.length;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private byte[] readBinary(ChannelState state, int offset, int le) {
        if (state.ef == null || state.ef.linear()) {
            return sw(state.ef == null ? 0x6986 : 0x6981); // no current EF / not a transparent file
        }
        if (state.ef.pinProtected() && !verified) {
            return sw(0x6982);
        }
        byte[] content = state.ef.content();
        if (offset > content.length) {
            return sw(0x6B00);
        }
        int want = le < 0 ? 256 : le;
        int left = content.length - offset;
        if (want > left && t0) {
            return sw(0x6C00 | left);
        }
        int n = Math.min(want, left);
        byte[] chunk = Arrays.copyOfRange(content, offset, offset + n);
        if (n < want) {
            return withSw(chunk, 0x6282); // end of file reached before Le bytes
        }
        return respond(chunk, le);
    }

    private byte[] readRecord(ChannelState state, int record, int p2) {
        if (state.ef == null || !state.ef.linear()) {
            return sw(state.ef == null ? 0x6986 : 0x6981);
        }
        if ((p2 & 0x07) != 0x04 || record == 0) {
            return sw(0x6A86); // only absolute mode on the current EF
        }
        if (record > state.ef.records().size()) {
            return sw(0x6A83);
        }
        byte[] r = Arrays.copyOf(state.ef.records().get(record - 1), state.ef.recordSize());
        for (int i = state.ef.records().get(record - 1).length; i < r.length; i++) {
            r[i] = (byte) 0xFF;
        }
        return respond(r, 256);
    }

    private byte[] manageChannel(int channel, int p1, int p2) {
        if (p1 == 0x00) {
            if (channel != 0 || p2 != 0) {
                return sw(0x6A86);
            }
            for (int n = 1; n < MAX_CHANNELS; n++) {
                if (!channels.containsKey(n)) {
                    ChannelState s = new ChannelState();
                    channels.put(n, s);
                    return respond(new byte[] {(byte) n}, 1);
                }
            }
            return sw(0x6A81); // no channel left
        }
        if (p1 == 0x80) {
            int closing = p2 == 0 ? channel : p2;
            if (closing == 0 || channels.remove(closing) == null) {
                return sw(0x6A86);
            }
            return sw(SW_OK);
        }
        return sw(0x6A86);
    }

    private byte[] verify(int reference, byte[] data) {
        Optional<CardImage.Pin> pin = image.pin();
        if (pin.isEmpty() || pin.get().reference() != reference) {
            return sw(0x6A88); // referenced data not found
        }
        byte[] expected = Arrays.copyOf(pin.get().value().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 8);
        Arrays.fill(expected, pin.get().value().length(), 8, (byte) 0xFF);
        if (data.length == 0) {
            return sw(verified ? SW_OK : 0x63C3);
        }
        verified = Arrays.equals(expected, data);
        return sw(verified ? SW_OK : 0x63C2);
    }

    private byte[] getResponse(int le) {
        if (pending.length == 0) {
            return sw(0x6F00);
        }
        int n = Math.min(pending.length, le < 0 ? 256 : le);
        byte[] chunk = Arrays.copyOf(pending, n);
        pending = Arrays.copyOfRange(pending, n, pending.length);
        return withSw(chunk, pending.length == 0 ? SW_OK : 0x6100 | Math.min(pending.length, 255));
    }

    /** T=0: data waits for GET RESPONSE; otherwise it goes out at once. */
    private byte[] respond(byte[] body, int le) {
        if (t0 && body.length > 0) {
            pending = body;
            return sw(0x6100 | Math.min(body.length, 255));
        }
        return withSw(le < 0 ? body : Arrays.copyOf(body, Math.min(body.length, le)), SW_OK);
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    private static byte[] withSw(byte[] data, int sw) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }
}
