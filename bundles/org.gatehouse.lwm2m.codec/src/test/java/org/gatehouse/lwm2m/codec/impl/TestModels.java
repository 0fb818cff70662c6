package org.gatehouse.lwm2m.codec.impl;

import java.io.InputStream;

import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelSet;
import org.gatehouse.lwm2m.model.ddf.DdfParser;

/** The core models plus the all-types test object 33000. */
final class TestModels {
    private TestModels() {
    }

    static final ModelSet MODELS = load();

    private static ModelSet load() {
        try (InputStream in = TestModels.class.getResourceAsStream("/models/33000.xml")) {
            return CoreModels.all().with(DdfParser.parse(in, "33000.xml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
