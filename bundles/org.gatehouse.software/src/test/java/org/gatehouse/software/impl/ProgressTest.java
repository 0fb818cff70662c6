package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Update State / Update Result machine of 9.xml as the gateway walks it. */
class ProgressTest {

    @Test
    void new_install_walks_initial_download_started_downloaded_delivered_installed() {
        Progress p = Progress.initial();
        assertEquals(Codes.INITIAL, p.state());
        p = p.downloadStarted();
        assertEquals(Codes.DOWNLOAD_STARTED, p.state());
        assertEquals(Codes.DOWNLOADING, p.result());
        p = p.downloaded();
        assertEquals(Codes.DOWNLOADED, p.state());
        p = p.delivered("org.example.hello", "1.0.0");
        assertEquals(Codes.DELIVERED, p.state());
        assertEquals(Codes.DOWNLOAD_VERIFIED, p.result());
        p = p.installStarted();
        assertTrue(p.installing() && p.busy());
        p = p.installSucceeded();
        assertEquals(Codes.INSTALLED, p.state());
        assertEquals(Codes.INSTALL_SUCCESS, p.result());
        p = p.uninstalled();
        assertEquals(Codes.INITIAL, p.state());
        assertEquals(Codes.RESULT_INITIAL, p.result());
    }

    @Test
    void a_failed_download_of_an_update_leaves_the_installed_version_installed() {
        Progress p = Progress.installed().downloadStarted().downloaded().downloadFailed(Codes.INTEGRITY_FAILURE, "SHA-256 mismatch");
        assertEquals(Codes.INSTALLED, p.state());
        assertEquals(Codes.INTEGRITY_FAILURE, p.result());
        assertEquals("SHA-256 mismatch", p.reason());
    }

    @Test
    void a_failed_download_of_a_new_install_goes_back_to_initial() {
        Progress p = Progress.initial().downloadStarted().downloadFailed(Codes.INVALID_URI, "HTTP 404");
        assertEquals(Codes.INITIAL, p.state());
        assertEquals(Codes.INVALID_URI, p.result());
    }

    @Test
    void a_failed_install_stays_delivered_and_may_be_installed_again() {
        Progress p = Progress.initial().downloadStarted().downloaded().delivered("a", "2.0.0").installStarted().installFailed("does not resolve");
        assertEquals(Codes.DELIVERED, p.state());
        assertEquals(Codes.INSTALL_FAILURE, p.result());
        assertFalse(p.installing());
        assertEquals(Codes.DELIVERED, p.installStarted().state());
    }

    @Test
    void steps_out_of_order_are_refused() {
        assertThrows(IllegalStateException.class, () -> Progress.initial().installStarted());
        assertThrows(IllegalStateException.class, () -> Progress.initial().downloaded());
        assertThrows(IllegalStateException.class, () -> Progress.initial().downloadStarted().downloadStarted());
        Progress installing = Progress.initial().downloadStarted().downloaded().delivered("a", "1").installStarted();
        assertThrows(IllegalStateException.class, installing::downloadStarted);
        assertThrows(IllegalStateException.class, installing::installStarted);
    }

    @Test
    void an_interrupted_install_is_a_failure_and_keeps_a_package_still_there_deliverable() {
        Progress installing = Progress.installed().downloadStarted().downloaded().delivered("a", "2.0.0").installStarted();
        Progress kept = installing.interrupted(true);
        assertEquals(Codes.DELIVERED, kept.state());
        assertEquals(Codes.INSTALL_FAILURE, kept.result());
        assertTrue(kept.reason().contains("interrupted by a restart"), kept.reason());
        Progress gone = installing.interrupted(false);
        assertEquals(Codes.INSTALLED, gone.state(), "the previous version still runs");
        assertEquals(Codes.INSTALL_FAILURE, gone.result());
    }
}
