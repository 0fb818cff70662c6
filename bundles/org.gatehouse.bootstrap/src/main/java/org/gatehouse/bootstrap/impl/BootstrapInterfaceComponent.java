package org.gatehouse.bootstrap.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.gatehouse.bootstrap.BootstrapInterface;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Publishes the Bootstrap interface, decoding with whatever content-format codecs are present. */
@Component(service = BootstrapInterface.class)
public final class BootstrapInterfaceComponent implements BootstrapInterface {

    private final Map<Integer, ContentCodec> codecs = new ConcurrentHashMap<>();
    private final ModelRegistry models;
    private final LinkCodec links;

    @Activate
    public BootstrapInterfaceComponent(@Reference ModelRegistry models, @Reference LinkCodec links) {
        this.models = models;
        this.links = links;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addCodec(ContentCodec codec) {
        codecs.put(codec.format().code(), codec);
    }

    public void removeCodec(ContentCodec codec) {
        codecs.remove(codec.format().code(), codec);
    }

    @Override
    public RequestHandler handler(BootstrapSession session, Consumer<BootstrapSession> onFinish) {
        return new BootstrapHandler(session, codecs, links, models, onFinish);
    }
}
