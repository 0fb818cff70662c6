package org.gatehouse.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gatehouse.bootstrap.smartcard.CardContent;
import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.bootstrap.smartcard.SmartcardBootstrap;
import org.gatehouse.bootstrap.smartcard.SmartcardStatus;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;

/** The smartcard commands print what the mode says; secret keys from the card print as ***. */
class SmartcardCommandsTest {

    private static final LwM2mObject SECURITY = LwM2mObject.of(0, LwM2mObjectInstance.of(1, SingleResource.of(0, Value.string("coaps://s:5684")),
        SingleResource.of(3, Value.opaque("id".getBytes())), SingleResource.of(5, Value.opaque("secret-psk".getBytes()))));

    private final SmartcardBootstrap mode = new SmartcardBootstrap() {
        @Override
        public SmartcardStatus status() {
            return new SmartcardStatus(Optional.of("ab12"), Optional.of("Virtual PCD 00 00"), List.of("/0/1", "/1/1"), List.of(1),
                Optional.of(Instant.EPOCH), "read Virtual PCD 00 00: 11 APDUs, 4 ms");
        }

        @Override
        public CardContent read(Optional<String> reader) throws CardDataException {
            if (reader.isPresent()) {
                throw new CardDataException("EF DIR lists no PKCS#15 application", true);
            }
            return new CardContent("Virtual PCD 00 00", "3B00", List.of("EF DIR 2F00 record 1: PKCS#15 application"), List.of(SECURITY),
                List.of("object 33333 left out"), "ab12", 126, 11, 4);
        }
    };

    @Test
    void read_masks_the_secret_key_and_shows_the_walk() {
        String out = new SmartcardCommands(mode).read();
        assertTrue(out.contains("/0/1/0 = "), out);
        assertTrue(out.contains("/0/1/5 = ***"), out);
        assertFalse(out.contains("secret-psk"), out);
        assertFalse(out.contains(java.util.HexFormat.of().formatHex("secret-psk".getBytes())), out);
        assertTrue(out.contains("data 126 bytes, SHA-256 ab12 (11 APDUs, 4 ms)"), out);
        assertTrue(out.contains("note: object 33333 left out"), out);
    }

    @Test
    void a_card_without_data_and_no_reader_are_said_plainly() {
        SmartcardCommands commands = new SmartcardCommands(mode);
        assertEquals("No LwM2M bootstrap data on the card: EF DIR lists no PKCS#15 application", commands.read("Virtual PCD 00 01"));
        assertTrue(commands.readers().startsWith("No card reader."));
    }

    @Test
    void status_shows_the_configuration_in_place() {
        String out = new SmartcardCommands(mode).status();
        assertTrue(out.startsWith("card data ab12 from Virtual PCD 00 00"), out);
        assertTrue(out.contains("instances /0/1, /1/1; servers [1]"), out);
    }
}
