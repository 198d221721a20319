package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a query sees of a table: its visible columns, each the table column itself or an expression over the table's
 * columns (a mask), and predicates every visible row satisfies (row filters, evaluated on the unmasked values).
 * Expressions and predicates may not read tables or call table functions; the lake checks them.
 *
 * @param columns the visible columns, in order (a column left out cannot be read, and {@code *} does not show it)
 * @param rowFilters DuckDB predicates over the table's columns, all of which must hold
 */
public record TableProjection(List<ProjectedColumn> columns, List<String> rowFilters) {
    public TableProjection {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rowFilters = List.copyOf(requireNonNull(rowFilters, "rowFilters is null"));
        Set<String> names = new HashSet<>();
        for (ProjectedColumn column : columns) {
            if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "Column " + column.name() + " is projected twice", "Project each column once");
            }
        }
    }

    /** Whether the projection shows the table as it is: every column itself, no filter. */
    public boolean isIdentity(List<QueryResult.Column> tableColumns) {
        return rowFilters.isEmpty() && columns.size() == tableColumns.size()
                && columns.stream().allMatch(ProjectedColumn::isIdentity);
    }

    /**
     * A visible column.
     *
     * @param name the column's name in the view (the table column's name, so queries read it as usual)
     * @param expression DuckDB SQL over the table's columns giving its value
     * @param keyedHash whether the value shown is the HMAC-SHA256 (hex) of the expression's text, with the guard's key
     */
    public record ProjectedColumn(String name, String expression, boolean keyedHash) {
        public ProjectedColumn {
            requireNonNull(name, "name is null");
            requireNonNull(expression, "expression is null");
        }

        /** The table column itself. */
        public static ProjectedColumn of(String name) {
            return new ProjectedColumn(name, TypeMapping.quote(name), false);
        }

        /** A column computed by an expression over the table's columns. */
        public static ProjectedColumn computed(String name, String expression) {
            return new ProjectedColumn(name, expression, false);
        }

        /** The keyed hash of a column's text. */
        public static ProjectedColumn keyedHash(String name) {
            return new ProjectedColumn(name, TypeMapping.quote(name), true);
        }

        public boolean isIdentity() {
            return !keyedHash && expression.equals(TypeMapping.quote(name));
        }
    }
}
