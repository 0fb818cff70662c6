package org.gatehouse.registration.impl;

/** What executable resources do; the registration component implements them. */
interface Executions {

    /** /1/x/8 Registration Update Trigger. */
    void updateNow(int ssid);

    /** /1/x/4 Disable: de-register and stay silent for {@code seconds}. */
    void disable(int ssid, long seconds);

    /** /1/x/9 Bootstrap-Request Trigger. */
    void bootstrapTrigger();

    /** /3/0/4 Reboot, asked by server {@code ssid}: happens after the Execute's 2.04 has been sent. */
    void reboot(int ssid);

    /** A DM write changed the configuration (e.g. a lifetime): the servers may need an Update. */
    void configurationChanged(int ssid);
}
