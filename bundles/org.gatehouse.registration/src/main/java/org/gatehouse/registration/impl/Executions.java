package org.gatehouse.registration.impl;

/** What the Server object's executable resources do; the registration component carries them out. */
interface Executions {

    /** /1/x/8 Registration Update Trigger. */
    void updateNow(int ssid);

    /** /1/x/4 Disable: de-register and stay silent for {@code seconds}. */
    void disable(int ssid, long seconds);

    /** /1/x/9 Bootstrap-Request Trigger. */
    void bootstrapTrigger(int ssid);
}
