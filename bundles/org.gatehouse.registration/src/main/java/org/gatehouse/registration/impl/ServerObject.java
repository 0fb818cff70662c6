package org.gatehouse.registration.impl;

import java.util.function.Supplier;

import org.gatehouse.lwm2m.client.ServerSettings;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ServerResources;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * The Server object's (1) actions, carried out by the registration: /1/x/8 Registration Update
 * Trigger and /1/x/4 Disable for the server of instance x (its /1/x/0, whoever asks), /1/x/9
 * Bootstrap-Request Trigger. Built into the registration rather than published, as it drives the
 * registration component's own work with each server.
 */
final class ServerObject implements ObjectHandler {

    /** /1/x/5 Disable Timeout when the instance has none: 86400 s, the spec's default. */
    static final long DEFAULT_DISABLE_TIMEOUT = 86400;

    private final Supplier<ObjectTree> tree;
    private final Executions executions;

    ServerObject(Supplier<ObjectTree> tree, Executions executions) {
        this.tree = tree;
        this.executions = executions;
    }

    @Override
    public Outcome execute(int ssid, LwM2mPath path, String arguments) {
        LwM2mObjectInstance instance = tree.get().read(LwM2mPath.of(ObjectIds.SERVER, path.instanceId()))
            .filter(LwM2mObjectInstance.class::isInstance).map(LwM2mObjectInstance.class::cast).orElse(null);
        if (instance == null) {
            return Outcome.notFound(LwM2mPath.of(ObjectIds.SERVER, path.instanceId()) + " not found");
        }
        int target = ServerSettings.of(instance).ssid();
        switch (path.resourceId()) {
            case ServerResources.REGISTRATION_UPDATE_TRIGGER -> executions.updateNow(target);
            case ServerResources.DISABLE -> executions.disable(target, disableTimeout(instance));
            case ServerResources.BOOTSTRAP_REQUEST_TRIGGER -> executions.bootstrapTrigger(ssid);
            default -> {
                return Outcome.notSupported();
            }
        }
        return Outcome.changed();
    }

    private static long disableTimeout(LwM2mObjectInstance instance) {
        return instance.resource(ServerResources.DISABLE_TIMEOUT) instanceof SingleResource s ? s.value().asLong() : DEFAULT_DISABLE_TIMEOUT;
    }
}
