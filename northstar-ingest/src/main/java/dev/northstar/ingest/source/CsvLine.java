package dev.northstar.ingest.source;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (the header) into fields, honouring quotes and the escape character. */
final class CsvLine {
    private CsvLine() {}

    static List<String> split(String line, char delimiter, char quote, char escape) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == escape && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    field.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == quote) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return List.copyOf(fields);
    }
}
