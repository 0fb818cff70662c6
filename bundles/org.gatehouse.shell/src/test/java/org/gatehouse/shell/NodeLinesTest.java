package org.gatehouse.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;

class NodeLinesTest {

    @Test
    void secret_keys_are_masked_and_other_values_shown() {
        LwM2mObjectInstance security = LwM2mObjectInstance.of(1, SingleResource.of(0, Value.string("coaps://s")),
            SingleResource.of(3, Value.opaque("id".getBytes())), SingleResource.of(5, Value.opaque(new byte[] {1, 2})));
        assertEquals(List.of("/0/1/0 = \"coaps://s\"", "/0/1/3 = 6964", "/0/1/5 = ***"), NodeLines.of(LwM2mPath.of(0, 1), security));
    }
}
