package dev.northstar.cli;

import dev.northstar.lake.QueryResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code northstar sql} prints a result. */
enum ResultFormat {
    /** Aligned columns with a header; numbers right-aligned; nulls shown as NULL. */
    TABLE {
        @Override
        void print(QueryResult result, PrintWriter out) {
            List<String> headers = result.columns().stream().map(QueryResult.Column::name).toList();
            boolean[] numeric = new boolean[headers.size()];
            for (int column = 0; column < numeric.length; column++) {
                numeric[column] = isNumericType(result.columns().get(column).type());
            }
            TextTable table = new TextTable(headers, numeric);
            for (List<Object> row : result.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object value : row) {
                    cells.add(ValueText.text(value, "NULL"));
                }
                table.add(cells);
            }
            table.print(out);
        }
    },
    /** RFC 4180 CSV with a header line; nulls are empty fields. */
    CSV {
        @Override
        void print(QueryResult result, PrintWriter out) {
            List<String> header = result.columns().stream().map(QueryResult.Column::name).toList();
            printCsvLine(header, out);
            for (List<Object> row : result.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object value : row) {
                    cells.add(ValueText.text(value, ""));
                }
                printCsvLine(cells, out);
            }
        }
    },
    /** A JSON array of row objects, one row per line. */
    JSON {
        @Override
        void print(QueryResult result, PrintWriter out) {
            out.println("[");
            List<QueryResult.Column> columns = result.columns();
            for (int index = 0; index < result.rows().size(); index++) {
                List<Object> row = result.rows().get(index);
                Map<String, Object> object = new LinkedHashMap<>();
                for (int column = 0; column < columns.size(); column++) {
                    object.put(columns.get(column).name(), ValueText.json(row.get(column)));
                }
                out.print(JsonText.write(object));
                out.println(index == result.rows().size() - 1 ? "" : ",");
            }
            out.println("]");
        }
    };

    abstract void print(QueryResult result, PrintWriter out);

    static boolean isNumericType(String duckdbType) {
        String type = duckdbType.toUpperCase(java.util.Locale.ROOT);
        return type.startsWith("DECIMAL") || type.endsWith("INT") || type.endsWith("INTEGER")
                || type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL")
                || type.startsWith("NUMERIC");
    }

    private static void printCsvLine(List<String> cells, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int index = 0; index < cells.size(); index++) {
            if (index > 0) {
                line.append(',');
            }
            String cell = cells.get(index);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        out.print(line);
        out.print('\n');
    }
}
