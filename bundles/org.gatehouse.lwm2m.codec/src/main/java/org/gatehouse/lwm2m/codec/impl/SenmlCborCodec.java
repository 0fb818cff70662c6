package org.gatehouse.lwm2m.codec.impl;

import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.osgi.service.component.annotations.Component;

/** SenML CBOR (112), with the integer labels of RFC 8428. */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=112")
public final class SenmlCborCodec extends SenmlCodec {

    public SenmlCborCodec() {
        super(Parsers.CBOR, SenmlKeys.CBOR);
    }

    @Override
    public ContentFormat format() {
        return ContentFormat.SENML_CBOR;
    }
}
