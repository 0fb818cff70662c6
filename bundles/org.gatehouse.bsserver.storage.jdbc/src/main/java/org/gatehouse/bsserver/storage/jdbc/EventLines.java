package org.gatehouse.bsserver.storage.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several events of one session in one {@code bs_session_event} row, one per line. The log writer joins
 * the events of a session that reach it in one batch: a bootstrap's five requests then cost the database
 * one insert instead of five (the inserts were most of a busy server's CPU). Rows written one event each
 * read back the same. An event is one line: line breaks in it (a device's diagnostic) become spaces.
 */
final class EventLines {

    /** The column's size: a row holds as many whole events as fit. */
    static final int MAX_ROW = 4000;

    private EventLines() {
    }

    /** {@code event} as one line, cut to fit a row: the log is for people, an overlong line is cut rather than refused. */
    static String oneLine(String event) {
        if (event == null) {
            throw new IllegalArgumentException("no text to log");
        }
        String line = event.indexOf('\n') < 0 && event.indexOf('\r') < 0 ? event : event.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_ROW ? line : line.substring(0, MAX_ROW - 1) + "…";
    }

    /** Collects events (one line each) and hands out the rows joining them per session, in the order they came. */
    static final class Joiner {
        private final Map<Long, StringBuilder> open = new LinkedHashMap<>();
        private final List<Map.Entry<Long, String>> rows = new ArrayList<>();

        void add(long sessionId, String line) {
            StringBuilder row = open.get(sessionId);
            if (row != null && row.length() + 1 + line.length() > MAX_ROW) {
                rows.add(Map.entry(sessionId, row.toString())); // full: its events come before the next row's
                row = null;
            }
            if (row == null) {
                open.put(sessionId, new StringBuilder(line));
            } else {
                row.append('\n').append(line);
            }
        }

        /** Every row (session id, text), each session's in order. */
        List<Map.Entry<Long, String>> rows() {
            open.forEach((id, text) -> rows.add(Map.entry(id, text.toString())));
            open.clear();
            return rows;
        }
    }

    /** The events of one row. */
    static void split(String row, List<String> into) {
        int from = 0;
        for (int nl = row.indexOf('\n'); nl >= 0; nl = row.indexOf('\n', from)) {
            into.add(row.substring(from, nl));
            from = nl + 1;
        }
        into.add(row.substring(from));
    }
}
