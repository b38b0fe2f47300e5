package org.printgate.engine.report;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: records of fields, CRLF between records, quotes doubled inside quotes. */
final class Csv {
    private Csv() {}

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int j = i + 1;
                while (true) {
                    char d = text.charAt(j);
                    if (d == '"' && j + 1 < text.length() && text.charAt(j + 1) == '"') {
                        field.append('"');
                        j += 2;
                    } else if (d == '"') {
                        j++;
                        break;
                    } else {
                        field.append(d);
                        j++;
                    }
                }
                i = j;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("a bare line break outside quotes at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        return records;
    }
}
