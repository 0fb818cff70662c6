package org.gatehouse.lwm2m.client;

import static org.gatehouse.lwm2m.model.SecurityResources.PUBLIC_KEY_OR_IDENTITY;
import static org.gatehouse.lwm2m.model.SecurityResources.SECRET_KEY;
import static org.gatehouse.lwm2m.model.SecurityResources.SERVER_PUBLIC_KEY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.Operations;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * Is a configuration fit to commit? At most one bootstrap-server account, at least one server
 * account, each account's Security and Server instances paired by Short Server ID with their
 * mandatory resources, credentials present for the security mode. One readable line per problem.
 *
 * @since 1.0.0
 */
public final class ConsistencyCheck {

    /** How the problem of a configuration without any account starts. */
    public static final String NO_ACCOUNT = "no LwM2M server account and no bootstrap-server account";
    private ConsistencyCheck() {
    }

    /**
     * @param serverAccountRequired Bootstrap-Finish and Bootstrap-Pack: the LwM2M Server Bootstrap Information must hold a server
     *                              account; a factory configuration may hold only a bootstrap-server account
     */
    public static List<String> problems(ObjectTree tree, ModelLookup models, boolean serverAccountRequired) {
        List<String> problems = new ArrayList<>();
        LwM2mObject security = object(tree, ObjectIds.SECURITY);
        LwM2mObject server = object(tree, ObjectIds.SERVER);
        Map<Integer, Integer> securityBySsid = new HashMap<>();
        int bootstrapAccounts = 0;
        for (LwM2mObjectInstance i : security.instances().values()) {
            mandatory(ObjectIds.SECURITY, i, models, problems);
            SecurityAccount account;
            try {
                account = SecurityAccount.of(i);
                account.peer();
            } catch (AccountException e) {
                problems.add(e.getMessage());
                continue;
            }
            credentials(account, i, problems);
            if (account.bootstrapServer()) {
                bootstrapAccounts++;
            } else if (account.ssid() < 1 || account.ssid() > 65534) {
                problems.add("/0/" + i.id() + "/10 Short Server ID must be 1..65534 for a server account, is " + account.ssid());
            } else if (securityBySsid.put(account.ssid(), i.id()) != null) {
                problems.add("/0/" + i.id() + ": Short Server ID " + account.ssid() + " is used by two Security instances");
            }
        }
        if (bootstrapAccounts > 1) {
            problems.add("there are " + bootstrapAccounts + " bootstrap-server accounts; at most one is allowed");
        }
        Map<Integer, Integer> serverBySsid = new HashMap<>();
        for (LwM2mObjectInstance i : server.instances().values()) {
            mandatory(ObjectIds.SERVER, i, models, problems);
            int ssid = ServerSettings.of(i).ssid();
            if (!securityBySsid.containsKey(ssid)) {
                problems.add("/1/" + i.id() + ": no Security instance has its Short Server ID " + ssid);
            }
            if (serverBySsid.put(ssid, i.id()) != null) {
                problems.add("/1/" + i.id() + ": Short Server ID " + ssid + " is used by two Server instances");
            }
        }
        securityBySsid.forEach((ssid, instance) -> {
            if (!serverBySsid.containsKey(ssid)) {
                problems.add("/0/" + instance + ": no Server instance has Short Server ID " + ssid);
            }
        });
        if (serverAccountRequired && serverBySsid.isEmpty()) {
            problems.add("no LwM2M server account: a bootstrap must leave at least one (a Security instance with Bootstrap-Server "
                + "false and a Server instance with the same Short Server ID)");
        } else if (serverBySsid.isEmpty() && bootstrapAccounts == 0) {
            // Without a server account the gateway can still go on with a bootstrap-server account (a
            // factory configuration often holds only that); without either it could do nothing at all.
            problems.add(NO_ACCOUNT + ": the gateway could neither register nor bootstrap");
        }
        for (LwM2mObjectInstance i : object(tree, ObjectIds.ACCESS_CONTROL).instances().values()) {
            mandatory(ObjectIds.ACCESS_CONTROL, i, models, problems);
        }
        return problems;
    }

    private static LwM2mObject object(ObjectTree tree, int id) {
        LwM2mObject o = tree.objects().get(id);
        return o == null ? LwM2mObject.of(id) : o;
    }

    private static void mandatory(int objectId, LwM2mObjectInstance i, ModelLookup models, List<String> problems) {
        ObjectModel model = models.find(objectId).orElse(null);
        if (model == null) {
            return;
        }
        for (ResourceModel r : model.resources().values()) {
            // depends on the mode: checked below
            boolean credential = objectId == ObjectIds.SECURITY && r.id() >= PUBLIC_KEY_OR_IDENTITY && r.id() <= SECRET_KEY;
            if (r.mandatory() && r.operations() != Operations.E && !credential && i.resource(r.id()) == null) {
                problems.add("/" + objectId + "/" + i.id() + "/" + r.id() + " " + r.name() + " is mandatory and missing");
            }
        }
    }

    private static void credentials(SecurityAccount a, LwM2mObjectInstance i, List<String> problems) {
        int[] needed = switch (a.securityMode()) {
            case 0 -> new int[] {PUBLIC_KEY_OR_IDENTITY, SECRET_KEY};
            case 1, 2 -> new int[] {PUBLIC_KEY_OR_IDENTITY, SERVER_PUBLIC_KEY, SECRET_KEY};
            default -> new int[0];
        };
        for (int r : needed) {
            if (i.resource(r) == null) {
                problems.add("/0/" + i.id() + "/" + r + " is needed by security mode " + a.securityMode() + " and missing");
            }
        }
    }
}
