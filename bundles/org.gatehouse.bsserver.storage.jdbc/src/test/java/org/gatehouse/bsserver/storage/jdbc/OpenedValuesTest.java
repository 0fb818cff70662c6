package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OpenedValuesTest {

    @Test
    void a_value_is_found_by_its_sealed_bytes_and_owner_only() {
        OpenedValues v = new OpenedValues();
        byte[] sealed = {1, 2, 3};
        v.put("config:a", sealed, new byte[] {9});
        assertArrayEquals(new byte[] {9}, v.get("config:a", new byte[] {1, 2, 3}));
        assertNull(v.get("config:b", sealed), "the same bytes under another owner are not opened from memory");
        assertNull(v.get("config:a", new byte[] {1, 2, 4}));
    }

    @Test
    void callers_get_copies() {
        OpenedValues v = new OpenedValues();
        byte[] plain = {7, 7};
        v.put("k", new byte[] {1}, plain);
        plain[0] = 0;
        v.get("k", new byte[] {1})[1] = 0;
        assertArrayEquals(new byte[] {7, 7}, v.get("k", new byte[] {1}));
    }

    @Test
    void the_least_recently_used_go_first_beyond_the_bounds() {
        OpenedValues v = new OpenedValues();
        for (int i = 0; i < OpenedValues.MAX + 10; i++) {
            v.put("k" + i, new byte[] {1}, new byte[] {2});
            if (i == OpenedValues.MAX - 1) {
                v.get("k0", new byte[] {1}); // used lately: kept
            }
        }
        assertEquals(OpenedValues.MAX, v.size());
        assertArrayEquals(new byte[] {2}, v.get("k0", new byte[] {1}));
        assertNull(v.get("k1", new byte[] {1}));

        OpenedValues big = new OpenedValues();
        byte[] large = new byte[(int) (OpenedValues.MAX_BYTES / 20)];
        for (int i = 0; i < 30; i++) {
            big.put("b" + i, new byte[] {(byte) i}, large);
        }
        assertEquals(19, big.size(), "at most MAX_BYTES held");
        big.put("huge", new byte[] {1}, new byte[(int) OpenedValues.MAX_BYTES]);
        assertNull(big.get("huge", new byte[] {1}), "too large to keep");
    }
}
