/** Server-initiated bootstrap in its LwM2M 1.0 form: the gateway listens for its bootstrap server's push. */
package org.gatehouse.bootstrap.server;
