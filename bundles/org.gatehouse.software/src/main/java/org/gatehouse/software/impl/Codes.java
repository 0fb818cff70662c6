package org.gatehouse.software.impl;

/** Resource ids, Update State (7) and Update Result (9) values of the Software Management object, as 9.xml (1.0) defines them. */
final class Codes {

    static final int OBJECT = 9;

    static final int PKG_NAME = 0;
    static final int PKG_VERSION = 1;
    static final int PACKAGE = 2;
    static final int PACKAGE_URI = 3;
    static final int INSTALL = 4;
    static final int UNINSTALL = 6;
    static final int UPDATE_STATE = 7;
    static final int UPDATE_RESULT = 9;
    static final int ACTIVATE = 10;
    static final int DEACTIVATE = 11;
    static final int ACTIVATION_STATE = 12;
    static final int USER_NAME = 14;
    static final int PASSWORD = 15;
    static final int STATUS_REASON = 16;

    // Update State (7)
    static final int INITIAL = 0;
    static final int DOWNLOAD_STARTED = 1;
    static final int DOWNLOADED = 2;
    static final int DELIVERED = 3;
    static final int INSTALLED = 4;

    // Update Result (9)
    static final int RESULT_INITIAL = 0;
    static final int DOWNLOADING = 1;
    static final int INSTALL_SUCCESS = 2;
    static final int DOWNLOAD_VERIFIED = 3;
    static final int NOT_ENOUGH_STORAGE = 50;
    static final int OUT_OF_MEMORY = 51;
    static final int CONNECTION_LOST = 52;
    static final int INTEGRITY_FAILURE = 53;
    static final int UNSUPPORTED_PACKAGE = 54;
    static final int INVALID_URI = 56;
    static final int DEVICE_ERROR = 57;
    static final int INSTALL_FAILURE = 58;
    static final int UNINSTALL_FAILURE = 59;

    private Codes() {
    }
}
