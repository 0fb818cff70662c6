package org.gatehouse.features.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BundleCountsTest {

    @Test
    void an_install_adds_only_what_no_installed_feature_brought_and_the_framework_lacks() {
        BundleCounts counts = new BundleCounts();
        counts.add("bootstrap", List.of("api", "coordinator"));
        List<String> add = counts.toInstall(List.of("api", "reader", "mode", "reader"), Set.of("api", "coordinator", "dropped"));
        assertEquals(List.of("reader", "mode"), add);
        assertEquals(List.of(), counts.toInstall(List.of("dropped"), Set.of("dropped")), "a bundle already in the framework is used as it is");
    }

    @Test
    void a_bundle_shared_by_two_features_stays_until_the_last_of_them_goes() {
        BundleCounts counts = new BundleCounts();
        counts.add("smartcard", List.of("card-api", "pcsc"));
        counts.add("bootstrap-smartcard", List.of("card-api", "pcsc", "mode"));
        assertEquals(2, counts.count("card-api"));
        assertEquals(List.of("mode"), counts.toRemove("bootstrap-smartcard"));
        assertEquals(List.of("card-api", "pcsc", "mode"), counts.locations("bootstrap-smartcard"));
        counts.remove("bootstrap-smartcard");
        assertEquals(List.of("card-api", "pcsc"), counts.toRemove("smartcard"));
        assertEquals(List.of(), counts.toRemove("not-installed"));
    }

    @Test
    void the_features_listing_a_bundle_are_named_without_the_one_asked_about() {
        BundleCounts counts = new BundleCounts();
        counts.add("core", List.of("scr", "store"));
        counts.add("bootstrap", List.of("coordinator"));
        counts.add("tools", List.of("store"));
        assertEquals(List.of("core", "tools"), counts.featuresListing(List.of("store"), "bootstrap"));
        assertEquals(List.of("tools"), counts.featuresListing(List.of("store", "coordinator"), "core").subList(1, 2));
    }

    @Test
    void a_copy_is_what_a_failed_change_goes_back_to() {
        BundleCounts counts = new BundleCounts();
        counts.add("core", List.of("scr"));
        BundleCounts before = counts.copy();
        counts.add("shell", List.of("gogo"));
        counts.remove("core");
        assertEquals(List.of("core"), before.names());
        assertFalse(before.contains("shell"));
        assertEquals(List.of("shell"), counts.names());
    }
}
