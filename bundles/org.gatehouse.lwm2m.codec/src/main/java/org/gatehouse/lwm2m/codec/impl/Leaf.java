package org.gatehouse.lwm2m.codec.impl;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.Value;

/** A value at a resource or resource-instance path: the unit of SenML and LwM2M JSON records. */
record Leaf(LwM2mPath path, Value value) {
}
