package dev.northstar.bench;

import dev.northstar.contracts.ContractTables;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.EnforcementPolicy;
import dev.northstar.contracts.LogicalTypeOptions;
import dev.northstar.contracts.QualityRule;
import dev.northstar.contracts.SchemaObject;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.ingest.plan.ColumnRules;
import dev.northstar.ingest.plan.OnViolation;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-row rules ingestion enforces for a contract's schema object. The ingest module takes {@link ProductRules}
 * but has no contract-to-rules mapping yet, so the benchmark maps the parts of ODCS its contract uses: the column
 * type, {@code required}, {@code unique}, {@code logicalTypeOptions} ({@code minLength}, {@code maxLength},
 * {@code pattern}, {@code minimum}, {@code maximum}, exclusive bounds) and the valid values of a property-level
 * {@code invalidValues} rule; the enforcement policy comes from the contract's custom properties.
 */
final class ContractRules {
    private ContractRules() {}

    static ProductRules of(DataContract contract, SchemaObject object) {
        EnforcementPolicy policy = EnforcementPolicy.of(contract, object);
        List<ColumnRules> columns = new ArrayList<>();
        for (SchemaProperty property : object.properties()) {
            columns.add(column(property));
        }
        return new ProductRules(ContractTables.tableId(contract, object), columns,
                OnViolation.valueOf(policy.onViolation().name()), policy.maxQuarantineShare());
    }

    /** The number of rules (besides the column types) the rules of a product enforce. */
    static int count(ProductRules rules) {
        int count = 0;
        for (ColumnRules column : rules.columns()) {
            count += (column.required() ? 1 : 0) + (column.unique() ? 1 : 0) + (column.minLength().isPresent() ? 1 : 0)
                    + (column.maxLength().isPresent() ? 1 : 0) + (column.pattern().isPresent() ? 1 : 0)
                    + (column.minimum().isPresent() ? 1 : 0) + (column.maximum().isPresent() ? 1 : 0)
                    + (column.validValues().isEmpty() ? 0 : 1) + (column.reference().isPresent() ? 1 : 0);
        }
        return count;
    }

    private static ColumnRules column(SchemaProperty property) {
        LogicalTypeOptions options = property.logicalTypeOptions();
        ColumnRules rules = ColumnRules.of(ContractTables.columnName(property), ContractTables.columnType(property))
                .withRequired(property.required())
                .withUnique(property.unique() || property.primaryKey())
                .withLength(options.minLength().map(ContractRules::length),
                        options.maxLength().map(ContractRules::length));
        if (options.pattern().isPresent()) {
            rules = rules.withPattern(options.pattern().get());
        }
        Optional<String> minimum = options.exclusiveMinimum().or(options::minimum).map(ContractRules::bound);
        Optional<String> maximum = options.exclusiveMaximum().or(options::maximum).map(ContractRules::bound);
        rules = rules.withRange(minimum, maximum)
                .withExclusive(options.exclusiveMinimum().isPresent(), options.exclusiveMaximum().isPresent());
        for (QualityRule rule : property.quality()) {
            if (rule.libraryMetric().map(metric -> metric == QualityRule.Metric.INVALID_VALUES).orElse(false)
                    && !rule.validValues().isEmpty()) {
                rules = rules.withValidValues(rule.validValues().stream().filter(Objects::nonNull)
                        .map(ContractRules::bound).toList());
            }
        }
        return rules;
    }

    private static int length(Long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "A length of " + value + " is out of range",
                    "Use a length from 0 to " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    private static String bound(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
