package org.gatehouse.registration.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.lwm2m.client.SecurityAccount;
import org.gatehouse.lwm2m.client.ServerSettings;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server accounts of a configuration: Security and Server instances paired by Short Server ID, in registration order. */
final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    /** One LwM2M server account. */
    record Account(SecurityAccount security, ServerSettings server) {
    }

    private Accounts() {
    }

    static List<Account> of(ObjectTree tree) {
        Map<Integer, SecurityAccount> bySsid = new HashMap<>();
        LwM2mObject security = tree.objects().get(ObjectIds.SECURITY);
        if (security != null) {
            for (LwM2mObjectInstance i : security.instances().values()) {
                try {
                    SecurityAccount a = SecurityAccount.of(i);
                    if (!a.bootstrapServer()) {
                        bySsid.put(a.ssid(), a);
                    }
                } catch (AccountException e) {
                    LOG.warn("Security instance /0/{} skipped: {}", i.id(), e.getMessage());
                }
            }
        }
        List<Account> accounts = new ArrayList<>();
        LwM2mObject servers = tree.objects().get(ObjectIds.SERVER);
        if (servers != null) {
            for (LwM2mObjectInstance i : servers.instances().values()) {
                ServerSettings s = ServerSettings.of(i);
                SecurityAccount a = bySsid.get(s.ssid());
                if (a != null) {
                    accounts.add(new Account(a, s));
                }
            }
        }
        // Registration Priority Order ascending; servers without one come last.
        accounts.sort(Comparator.comparingLong(a -> a.server().priority() < 0 ? Long.MAX_VALUE : a.server().priority()));
        return accounts;
    }
}
