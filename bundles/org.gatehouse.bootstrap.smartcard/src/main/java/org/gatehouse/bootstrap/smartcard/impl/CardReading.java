package org.gatehouse.bootstrap.smartcard.impl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.bootstrap.smartcard.CardContent;
import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.CardSession;
import org.gatehouse.smartcard.SmartcardException;

/**
 * One read of a card's LwM2M bootstrap data: an exclusive session, the PKCS#15 walk, the Appendix G
 * container, its digest; and the decoding of its objects with the TLV codec.
 */
final class CardReading {

    /** The raw result: what the container holds and how the read went. */
    record Raw(String reader, String atr, BootstrapContainer.Content content, String digest, List<String> steps, int apdus, long millis) {
    }

    /** The objects the gateway models, and notes on what was left out. */
    record Decoded(List<LwM2mObject> objects, List<String> notes) {
    }

    private CardReading() {
    }

    static Raw read(CardReader reader, CardWalk.Pin pin, Duration wait) throws SmartcardException, CardDataException {
        long start = System.nanoTime();
        try (CardSession session = reader.open(wait)) {
            CardWalk walk = new CardWalk(session, pin);
            CardWalk.Result result = walk.read();
            BootstrapContainer.Content content = BootstrapContainer.parse(result.content());
            return new Raw(reader.name(), Der.HEX.formatHex(session.atr()), content, sha256(content.data()), result.steps(), session.apduCount(),
                (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Decodes each object's TLV; objects without a model are left out with a note. Any defect refuses the whole card. */
    static Decoded decode(BootstrapContainer.Content content, ContentCodec tlv, ModelLookup models) throws CardDataException {
        List<LwM2mObject> objects = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (BootstrapContainer.Item item : content.items()) {
            if (models.find(item.objectId()).isEmpty()) {
                notes.add("object " + item.objectId() + " (" + item.tlv().length + " bytes of TLV) is not modelled by this gateway: left out");
                continue;
            }
            try {
                objects.add((LwM2mObject) tlv.decode(item.tlv(), LwM2mPath.of(item.objectId()), models));
            } catch (CodecException | RuntimeException e) {
                throw new CardDataException(BootstrapContainer.FILE + ": object " + item.objectId() + " (TLV from byte " + item.offset() + "): "
                    + e.getMessage(), false);
            }
            if (!item.version().equals("implicit")) {
                notes.add("object " + item.objectId() + " is marked version " + item.version() + "; decoded with the gateway's model");
            }
        }
        return new Decoded(objects, notes);
    }

    static CardContent content(Raw raw, Decoded decoded) {
        return new CardContent(raw.reader(), raw.atr(), raw.steps(), decoded.objects(), decoded.notes(), raw.digest(), raw.content().data().length,
            raw.apdus(), raw.millis());
    }

    static String sha256(byte[] data) {
        try {
            return Der.HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data)).toLowerCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
