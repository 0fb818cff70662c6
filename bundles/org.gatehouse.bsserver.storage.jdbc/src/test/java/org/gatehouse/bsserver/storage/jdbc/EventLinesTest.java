package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventLinesTest {

    @Test
    void the_events_of_a_session_share_a_row_and_split_back_in_order() {
        EventLines.Joiner j = new EventLines.Joiner();
        j.add(1, "DELETE / 2.02");
        j.add(2, "DELETE / 2.02");
        j.add(1, "WRITE /0/1 2.04");
        j.add(1, "");
        j.add(2, "FINISH 2.04");
        j.add(1, "FINISH 2.04");
        List<Map.Entry<Long, String>> rows = j.rows();
        assertEquals(2, rows.size());
        assertEquals(List.of("DELETE / 2.02", "WRITE /0/1 2.04", "", "FINISH 2.04"), events(rows).get(1L));
        assertEquals(List.of("DELETE / 2.02", "FINISH 2.04"), events(rows).get(2L));
    }

    @Test
    void a_full_row_is_followed_by_another_and_no_row_is_longer_than_the_column() {
        EventLines.Joiner j = new EventLines.Joiner();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String event = EventLines.oneLine(i + "x".repeat(i == 3 ? EventLines.MAX_ROW + 10 : 1900));
            expected.add(event);
            j.add(5, event);
        }
        List<Map.Entry<Long, String>> rows = j.rows();
        assertTrue(rows.stream().allMatch(r -> r.getValue().length() <= EventLines.MAX_ROW), "rows fit the column");
        assertEquals(5, rows.size(), "two of 1,900 per row, the overlong one alone");
        assertEquals(expected, events(rows).get(5L));
        assertEquals(EventLines.MAX_ROW, expected.get(3).length());
        assertTrue(expected.get(3).endsWith("…"));
    }

    @Test
    void an_event_is_one_line() {
        assertEquals("4.00 bad TLV at 3 here", EventLines.oneLine("4.00 bad TLV\r\nat 3\nhere"));
        assertEquals("a b", EventLines.oneLine("a\rb"));
        assertThrows(IllegalArgumentException.class, () -> EventLines.oneLine(null));
    }

    private static Map<Long, List<String>> events(List<Map.Entry<Long, String>> rows) {
        Map<Long, List<String>> events = new HashMap<>();
        rows.forEach(r -> EventLines.split(r.getValue(), events.computeIfAbsent(r.getKey(), k -> new ArrayList<>())));
        return events;
    }
}
