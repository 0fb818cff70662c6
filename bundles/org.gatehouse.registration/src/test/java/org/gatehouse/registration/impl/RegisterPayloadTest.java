package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.ModelSet;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.Operations;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.junit.jupiter.api.Test;

/** The object list of Register and Update. */
class RegisterPayloadTest {

    private static final int CUSTOM = 32769;
    private static final ModelSet MODELS = CoreModels.all().with(List.of(new ObjectModel(CUSTOM, "Valve", "", "1.0", "1.1", "", true, false,
        ObjectModel.index(List.of(ResourceModel.of(1, "Open", Operations.E, false, true, ResourceType.NONE))))));

    private static String links(ObjectTree tree, Set<Integer> handled) {
        return new String(new CoreLinkCodec().encode(RegisterPayload.links(tree, MODELS, handled)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ObjectTree tree(LwM2mObject... objects) {
        TreeMap<Integer, LwM2mObject> map = new TreeMap<>();
        for (LwM2mObject o : objects) {
            map.put(o.id(), o);
        }
        return new ObjectTree(1, map);
    }

    @Test
    void objects_with_a_handler_and_a_model_are_listed_without_instances() {
        ObjectTree tree = tree(LwM2mObject.of(0, LwM2mObjectInstance.of(0)), LwM2mObject.of(1, LwM2mObjectInstance.of(0)),
            LwM2mObject.of(3, LwM2mObjectInstance.of(0)));
        assertEquals("</>;rt=\"oma.lwm2m\";ct=11542,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>", links(tree, Set.of()));
        assertEquals("</>;rt=\"oma.lwm2m\";ct=11542,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>,</" + CUSTOM + ">",
            links(tree, Set.of(3, CUSTOM)));
    }

    @Test
    void a_handled_object_without_a_model_and_the_security_objects_are_not_listed() {
        ObjectTree tree = tree(LwM2mObject.of(21, LwM2mObjectInstance.of(0)));
        assertEquals("</>;rt=\"oma.lwm2m\";ct=11542", links(tree, Set.of(0, 21, 40000)));
    }

    @Test
    void a_handled_object_with_instances_is_listed_once() {
        ObjectTree tree = tree(LwM2mObject.of(CUSTOM, LwM2mObjectInstance.of(0), LwM2mObjectInstance.of(4)));
        assertEquals("</>;rt=\"oma.lwm2m\";ct=11542,</" + CUSTOM + "/0>,</" + CUSTOM + "/4>", links(tree, Set.of(CUSTOM)));
        assertEquals(links(tree, Set.of()), links(tree, Map.of(CUSTOM, 0).keySet()));
    }
}
