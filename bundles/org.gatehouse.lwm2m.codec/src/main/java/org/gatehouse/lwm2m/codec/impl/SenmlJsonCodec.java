package org.gatehouse.lwm2m.codec.impl;

import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.osgi.service.component.annotations.Component;

/** SenML JSON (110). */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=110")
public final class SenmlJsonCodec extends SenmlCodec {

    public SenmlJsonCodec() {
        super(Parsers.JSON, SenmlKeys.JSON);
    }

    @Override
    public ContentFormat format() {
        return ContentFormat.SENML_JSON;
    }
}
