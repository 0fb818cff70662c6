package org.gatehouse.software.impl;

import static org.gatehouse.software.impl.Codes.DELIVERED;
import static org.gatehouse.software.impl.Codes.DOWNLOADED;
import static org.gatehouse.software.impl.Codes.DOWNLOAD_STARTED;
import static org.gatehouse.software.impl.Codes.INITIAL;
import static org.gatehouse.software.impl.Codes.INSTALLED;

import java.util.Objects;

/**
 * Where one instance stands in the update state machine of 9.xml: Update State (7), Update Result
 * (9), a Status Reason (16) for people, the package delivered (symbolic name and version) and
 * whether an install is under way (so that a restart in the middle of it is reported). Immutable;
 * each step returns the next value or refuses a step the state does not allow.
 *
 * @param installedBefore whether the instance's bundle was installed when the download began: a
 *        failed download then goes back to INSTALLED (the old version keeps running), not INITIAL
 */
record Progress(int state, int result, String reason, String name, String version, boolean installing, boolean installedBefore) {

    Progress {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (state < INITIAL || state > INSTALLED) {
            throw new IllegalArgumentException("Update State is 0..4, not " + state);
        }
    }

    static Progress initial() {
        return new Progress(INITIAL, Codes.RESULT_INITIAL, "", "", "", false, false);
    }

    /** A bundle installed before any update through this object. */
    static Progress installed() {
        return new Progress(INSTALLED, Codes.RESULT_INITIAL, "", "", "", false, true);
    }

    boolean busy() {
        return state == DOWNLOAD_STARTED || state == DOWNLOADED || installing;
    }

    /** A Package URI was written. Refused while a download or install runs. */
    Progress downloadStarted() {
        requireIdle("download");
        return new Progress(DOWNLOAD_STARTED, Codes.DOWNLOADING, "downloading", "", "", false, state == INSTALLED);
    }

    Progress downloaded() {
        require(DOWNLOAD_STARTED, "downloaded");
        return new Progress(DOWNLOADED, Codes.DOWNLOADING, "downloaded, verifying", "", "", false, installedBefore);
    }

    /** Verified: ready to install. */
    Progress delivered(String packageName, String packageVersion) {
        require(DOWNLOADED, "delivered");
        return new Progress(DELIVERED, Codes.DOWNLOAD_VERIFIED, "verified: " + packageName + " " + packageVersion,
            packageName, packageVersion, false, installedBefore);
    }

    /** Download or verification failed: back to where it was before it (the old version, if any, keeps running). */
    Progress downloadFailed(int code, String why) {
        return new Progress(installedBefore ? INSTALLED : INITIAL, code, why, "", "", false, installedBefore);
    }

    Progress installStarted() {
        require(DELIVERED, "install");
        return new Progress(DELIVERED, result, "installing " + name + " " + version, name, version, true, installedBefore);
    }

    Progress installSucceeded() {
        return new Progress(INSTALLED, Codes.INSTALL_SUCCESS, "installed " + name + " " + version, "", "", false, true);
    }

    /** Install failed: the state stays DELIVERED, as 9.xml says, and the package may be installed again. */
    Progress installFailed(String why) {
        return new Progress(DELIVERED, Codes.INSTALL_FAILURE, why, name, version, false, installedBefore);
    }

    /** An install that a restart interrupted: the package, if still there, can be installed again. */
    Progress interrupted(boolean packageKept) {
        String why = "install of " + name + " " + version + " interrupted by a restart; the previous version is kept";
        return new Progress(packageKept ? DELIVERED : (installedBefore ? INSTALLED : INITIAL), Codes.INSTALL_FAILURE, why,
            packageKept ? name : "", packageKept ? version : "", false, installedBefore);
    }

    Progress uninstalled() {
        return new Progress(INITIAL, Codes.RESULT_INITIAL, "uninstalled", "", "", false, false);
    }

    Progress uninstallFailed(String why) {
        return new Progress(state, Codes.UNINSTALL_FAILURE, why, name, version, false, installedBefore);
    }

    Progress withReason(String why) {
        return new Progress(state, result, why, name, version, installing, installedBefore);
    }

    private void requireIdle(String step) {
        if (busy()) {
            throw new IllegalStateException(step + " refused: " + (installing ? "an install" : "a download") + " is under way");
        }
    }

    private void require(int expected, String step) {
        if (state != expected || installing) {
            throw new IllegalStateException(step + " refused in Update State " + state + (installing ? " (installing)" : "")
                + "; expected " + expected);
        }
    }
}
