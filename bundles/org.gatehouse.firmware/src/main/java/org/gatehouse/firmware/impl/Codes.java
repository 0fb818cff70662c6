package org.gatehouse.firmware.impl;

/** Resource ids, states and results of the Firmware Update object (5), as 5.xml numbers them. */
final class Codes {

    static final int OBJECT = 5;

    static final int PACKAGE = 0;
    static final int PACKAGE_URI = 1;
    static final int UPDATE = 2;
    static final int STATE = 3;
    static final int UPDATE_RESULT = 5;
    static final int PKG_NAME = 6;
    static final int PKG_VERSION = 7;
    static final int PROTOCOL_SUPPORT = 8;
    static final int DELIVERY_METHOD = 9;

    static final int IDLE = 0;
    static final int DOWNLOADING = 1;
    static final int DOWNLOADED = 2;
    static final int UPDATING = 3;

    static final int INITIAL = 0;
    static final int SUCCESS = 1;
    static final int NOT_ENOUGH_FLASH = 2;
    static final int CONNECTION_LOST = 4;
    static final int INTEGRITY_FAILURE = 5;
    static final int UNSUPPORTED_PACKAGE = 6;
    static final int INVALID_URI = 7;
    static final int UPDATE_FAILED = 8;
    static final int UNSUPPORTED_PROTOCOL = 9;

    private Codes() {
    }
}
