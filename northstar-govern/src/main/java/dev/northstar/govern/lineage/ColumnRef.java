package dev.northstar.govern.lineage;

import static java.util.Objects.requireNonNull;

/**
 * A column of a dataset.
 *
 * @param dataset the dataset
 * @param column the column (field) name
 */
public record ColumnRef(DatasetRef dataset, String column) {
    public ColumnRef {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(column, "column is null");
    }

    @Override
    public String toString() {
        return dataset + "#" + column;
    }
}
