package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of text aligned in columns, psql style: a header, a rule, then rows; numeric columns right-aligned.
 */
final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, boolean[] rightAligned) {
        this.headers = List.copyOf(requireNonNull(headers, "headers is null"));
        if (rightAligned.length != headers.size()) {
            throw new IllegalArgumentException("one alignment per header is needed");
        }
        this.rightAligned = rightAligned.clone();
    }

    /** A table whose columns are all left-aligned except the listed ones. */
    static TextTable withRightAligned(List<String> headers, int... rightAlignedColumns) {
        boolean[] alignment = new boolean[headers.size()];
        for (int column : rightAlignedColumns) {
            alignment[column] = true;
        }
        return new TextTable(headers, alignment);
    }

    TextTable add(List<String> row) {
        if (row.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + headers.size());
        }
        rows.add(List.copyOf(row));
        return this;
    }

    TextTable add(String... cells) {
        return add(List.of(cells));
    }

    int size() {
        return rows.size();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = displayWidth(headers.get(column));
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], displayWidth(row.get(column)));
            }
        }
        printRow(out, headers, widths, false);
        StringBuilder rule = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            rule.append(column == 0 ? "" : "+").append("-".repeat(widths[column] + 2));
        }
        out.println(rule);
        for (List<String> row : rows) {
            printRow(out, row, widths, true);
        }
    }

    /** Prints the table, or only the line {@code whenEmpty} if it has no rows. */
    void print(PrintWriter out, String whenEmpty) {
        if (rows.isEmpty()) {
            out.println(whenEmpty);
        } else {
            print(out);
        }
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = flatten(cells.get(column));
            String padding = " ".repeat(widths[column] - displayWidth(cell));
            line.append(column == 0 ? " " : " | ");
            if (alignNumbers && rightAligned[column]) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(column == widths.length - 1 ? "" : padding);
            }
        }
        out.println(line.toString().stripTrailing());
    }

    // Line breaks inside a cell would break the grid: show them escaped.
    private static String flatten(String cell) {
        return cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\t') < 0
                ? cell
                : cell.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static int displayWidth(String cell) {
        String flat = flatten(cell);
        return flat.codePointCount(0, flat.length());
    }
}
