package dev.northstar.quality;

/** What a metric check compares: a number of rows, or a percentage of the table's rows (0 to 100). */
public enum MeasureUnit {
    /** An absolute number (rows, or whatever a custom SQL check returns). */
    ROWS,
    /** Percentage of the table's row count, 0 to 100. */
    PERCENT
}
