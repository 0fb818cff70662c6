package org.gatehouse.lwm2m.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

/** Outcomes are values; a handler that implements nothing changes nothing. */
class OutcomeTest {

    @Test
    void outcomes_are_values() {
        EqualsVerifier.forClass(Outcome.class).withNonnullFields("status", "message").verify();
    }

    @Test
    void errors_carry_their_reason() {
        assertEquals(Outcome.Status.BAD_REQUEST, Outcome.badRequest("bad argument").status());
        assertEquals("bad argument", Outcome.badRequest("bad argument").message());
        assertEquals(Outcome.Status.NOT_FOUND, Outcome.notFound("x").status());
        assertEquals(Outcome.Status.INTERNAL_SERVER_ERROR, Outcome.failed("x").status());
        assertEquals(Outcome.Status.SERVICE_UNAVAILABLE, Outcome.unavailable("x").status());
        assertEquals("", Outcome.changed().message());
        assertThrows(IllegalArgumentException.class, () -> Outcome.badRequest(" "));
        assertThrows(IllegalArgumentException.class, () -> Outcome.failed(null));
    }

    @Test
    void a_handler_without_overrides_executes_nothing_and_accepts_everything() {
        ObjectHandler nothing = new ObjectHandler() {
        };
        LwM2mObjectInstance i = LwM2mObjectInstance.of(0, SingleResource.of(1, Value.integer(5)));
        assertEquals(Outcome.notSupported(), nothing.execute(1, LwM2mPath.of(3, 0, 4), ""));
        assertEquals(Outcome.Status.METHOD_NOT_ALLOWED, Outcome.notSupported().status());
        assertEquals(Optional.empty(), nothing.validateWrite(1, LwM2mPath.of(3, 0), i));
        assertEquals(Optional.empty(), nothing.validateCreate(1, i));
        assertEquals(Optional.empty(), nothing.validateDelete(1, i));
        assertEquals(i, nothing.read(1, i));
    }
}
