package org.gatehouse.bootstrap.smartcard;

import java.util.List;

import org.gatehouse.lwm2m.model.LwM2mObject;

/**
 * What a card holds for LwM2M bootstrap, as read and decoded (nothing applied).
 *
 * @param reader   the reader's name
 * @param atr      the card's ATR, upper-case hex
 * @param steps    the PKCS#15 walk, one line per file: what was selected and what it gave
 * @param objects  the decoded objects the gateway models
 * @param notes    what was left out (objects the gateway does not model), one line each
 * @param digest   SHA-256 of the EF LwM2M_Bootstrap content (without padding), hex
 * @param size     bytes of that content
 * @param apdus    APDUs exchanged for the read
 * @param millis   time taken by the read
 * @since 1.0.0
 */
public record CardContent(String reader, String atr, List<String> steps, List<LwM2mObject> objects, List<String> notes, String digest, int size,
        int apdus, long millis) {

    public CardContent {
        steps = List.copyOf(steps);
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
    }
}
