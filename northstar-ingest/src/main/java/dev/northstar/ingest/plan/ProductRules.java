package dev.northstar.ingest.plan;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything ingestion enforces for one product: its columns' rules and the contract's enforcement policy.
 *
 * @param product the product table
 * @param columns rules per product column, in table order
 * @param onViolation what to do with rows breaking a rule
 * @param maxQuarantineShare the run fails (nothing committed) when more than this share of the rows (0..1) would be
 *     quarantined
 */
public record ProductRules(TableId product, List<ColumnRules> columns, OnViolation onViolation,
        double maxQuarantineShare) {
    public ProductRules {
        requireNonNull(product, "product is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(onViolation, "onViolation is null");
        NorthstarException.checkArgument(maxQuarantineShare >= 0 && maxQuarantineShare <= 1,
                "maxQuarantineShare must be between 0 and 1, got %s", maxQuarantineShare);
        NorthstarException.checkArgument(!columns.isEmpty(), "The rules of %s name no column", product);
        Set<String> names = new HashSet<>();
        for (ColumnRules column : columns) {
            NorthstarException.checkArgument(names.add(column.name().toLowerCase(Locale.ROOT)),
                    "Column %s of %s has rules twice", column.name(), product);
        }
    }

    /**
     * The rules the table's own schema implies: every column's type, and required-ness for required columns;
     * quarantine policy, no share limit. Used when no contract governs the product.
     */
    public static ProductRules fromTable(TableInfo table) {
        return new ProductRules(table.id(), table.columns().stream()
                .map(column -> ColumnRules.of(column.name(), ColumnType.parse(column.type()))
                        .withRequired(column.required()))
                .toList(), OnViolation.QUARANTINE, 1.0);
    }

    public ProductRules withColumns(List<ColumnRules> rules) {
        return new ProductRules(product, rules, onViolation, maxQuarantineShare);
    }

    public ProductRules withOnViolation(OnViolation policy) {
        return new ProductRules(product, columns, policy, maxQuarantineShare);
    }

    public ProductRules withMaxQuarantineShare(double share) {
        return new ProductRules(product, columns, onViolation, share);
    }
}
