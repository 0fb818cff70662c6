/**
 * LwM2M object handlers: the whiteboard through which a bundle serves an object of the gateway's
 * object tree (Execute, Write validation, dynamic values on Read, Create and Delete checks). The
 * registration bundle finds the handler of a request's object by {@link ObjectHandler#OBJECT_ID}.
 */
@Export
@Version("1.0.0")
package org.gatehouse.lwm2m.objects;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
