package org.gatehouse.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreListener;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * In-framework test (real Felix + SCR) of the assembled runtime's bundles, taken from the built
 * distribution's system/ folder: all bundles active, all components satisfied, services usable, and
 * the store's commits announced to a listener service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBundlesIT {

    @Inject
    private BundleContext context;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private ObjectStore store;
    @Inject
    private ModelRegistry models;

    @Configuration
    public Option[] config() throws IOException {
        return PaxDistribution.options("gatehouse-itest");
    }

    @Test
    public void every_bundle_is_active_and_every_component_satisfied() {
        Map<String, Bundle> bundles = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            bundles.put(b.getSymbolicName(), b);
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
            }
        }
        List<String> expected = new ArrayList<>(GatewayContents.featureBundles());
        expected.remove(GatewayContents.CONSOLE); // left out by config(): it would read the test's stdin
        expected.addAll(GatewayContents.FIRMWARE_UPDATE); // in system/, though not in a default feature
        GatewayContents.assertPresent("bundles", expected, bundles.keySet());

        Map<String, List<String>> components = new TreeMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            List<String> states = components.computeIfAbsent(d.name, k -> new ArrayList<>());
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                states.add(c.state == ComponentConfigurationDTO.SATISFIED ? "SATISFIED" : c.state == ComponentConfigurationDTO.ACTIVE ? "ACTIVE"
                    : "state " + c.state);
            }
        }
        GatewayContents.assertExactly("components", GatewayContents.systemComponents(), components.keySet());
        components.remove(GatewayContents.LWM2M_SERVER_CREDENTIALS); // one configuration per device: none here
        components.forEach((name, states) -> assertTrue(name + " is " + states,
            !states.isEmpty() && states.stream().allMatch(st -> st.equals("SATISFIED") || st.equals("ACTIVE"))));
    }

    @Test
    public void every_content_format_is_published_as_a_service() throws Exception {
        for (int format : new int[] {0, 42, 60, 110, 112, 11542, 11543}) { // 40 is the LinkCodec
            assertEquals("codec " + format, 1, context.getServiceReferences(ContentCodec.class, "(lwm2m.content.format=" + format + ")").size());
        }
    }

    @Test
    public void a_commit_is_announced_to_store_listener_services() throws Exception {
        BlockingQueue<StoreCommitEvent> received = new LinkedBlockingQueue<>();
        StoreListener listener = event -> {
            if ("itest".equals(event.writer())) { // other components may commit meanwhile
                received.add(event);
            }
        };
        ServiceRegistration<StoreListener> registration = context.registerService(StoreListener.class, listener, null);
        try {
            assertTrue("the store binds the listener as it is registered", listenersBoundToTheStore().contains(
                (Long) registration.getReference().getProperty(Constants.SERVICE_ID)));
            long revision;
            try (StoreTransaction tx = store.begin("itest", Duration.ofSeconds(5))) {
                tx.write(LwM2mPath.of(33001, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("announced"))));
                revision = tx.commit();
            }
            StoreCommitEvent event = received.poll(10, TimeUnit.SECONDS);
            assertNotNull("no commit event within 10 s", event);
            assertEquals(revision, event.revision());
            assertEquals(List.of(LwM2mPath.of(33001), LwM2mPath.of(33001, 0)), event.added());
            assertEquals(List.of(), event.changed());
            assertEquals(List.of(), event.removed());
            assertEquals(java.util.Optional.of("itest"), store.writerOf(LwM2mPath.of(33001, 0)));
        } finally {
            registration.unregister();
        }
    }

    private List<Long> listenersBoundToTheStore() {
        Bundle storeBundle = context.getServiceReference(ObjectStore.class).getBundle();
        ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(storeBundle, "org.gatehouse.lwm2m.store.impl.ObjectStoreComponent");
        List<Long> ids = new ArrayList<>();
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            for (var satisfied : c.satisfiedReferences) {
                if (satisfied.name.equals("listeners")) {
                    for (var bound : satisfied.boundServices) {
                        ids.add(bound.id);
                    }
                }
            }
        }
        return ids;
    }

    @Test
    public void a_committed_write_is_visible_through_the_service() throws Exception {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(5))) {
            tx.write(LwM2mPath.of(3, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("Gatehouse"))));
            tx.commit();
        }
        assertEquals("Device", models.find(3).orElseThrow().name());
        assertTrue(store.read(LwM2mPath.of(3, 0, 0)).isPresent());
    }
}
