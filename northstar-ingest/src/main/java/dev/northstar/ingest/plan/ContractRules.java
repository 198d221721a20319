package dev.northstar.ingest.plan;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractTables;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.EnforcementPolicy;
import dev.northstar.contracts.LogicalTypeOptions;
import dev.northstar.contracts.QualityRule;
import dev.northstar.contracts.Relationship;
import dev.northstar.contracts.SchemaObject;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.spi.schema.TableId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compiles the schema object of an ODCS contract into the per-row {@link ProductRules} ingestion enforces.
 *
 * <ul>
 *   <li>Type: {@link ContractTables#columnType}; {@code required} (and primary key) → required; {@code unique}, or a
 *       single-column primary key → unique within the batch and against the product.</li>
 *   <li>{@code logicalTypeOptions}: minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum,
 *       exclusiveMaximum (an exclusive bound wins over an inclusive one on the same side).</li>
 *   <li>Library quality rules with zero tolerance (a row count that {@code mustBe: 0}, {@code mustBeLessThan: 1} row or
 *       {@code mustBeLessOrEqualTo: 0}): {@code nullValues} and {@code missingValues} → required,
 *       {@code invalidValues} → valid values and/or pattern, {@code duplicateValues} → unique. Rules that tolerate
 *       some rows are batch thresholds, not row rules: the quality module checks them.</li>
 *   <li>Relationships of type {@code foreignKey} to {@code object.property} (same domain) or
 *       {@code domain.object.property} → reference to that product's column.</li>
 *   <li>Policy: {@code northstar.onViolation} and {@code northstar.maxQuarantineShare} of {@link EnforcementPolicy}.</li>
 * </ul>
 * SQL, text and custom quality rules, and composite keys, are not per-row rules and are left to the quality module.
 */
public final class ContractRules {
    private ContractRules() {}

    /** The rules of the contract in force for a table. */
    public static ProductRules of(ActiveContract active) {
        return of(active.table(), active.contract(), active.schemaObject(), active.policy());
    }

    /** The rules of one schema object of a contract, for the given table. */
    public static ProductRules of(TableId table, DataContract contract, SchemaObject object, EnforcementPolicy policy) {
        long primaryKeyColumns = object.properties().stream().filter(SchemaProperty::primaryKey).count();
        List<ColumnRules> columns = new ArrayList<>();
        for (SchemaProperty property : object.properties()) {
            columns.add(column(table, property, primaryKeyColumns == 1));
        }
        return new ProductRules(table, columns, OnViolation.valueOf(policy.onViolation().name()),
                policy.maxQuarantineShare());
    }

    private static ColumnRules column(TableId table, SchemaProperty property, boolean singlePrimaryKey) {
        ColumnRules rules = ColumnRules.of(ContractTables.columnName(property), ContractTables.columnType(property))
                .withRequired(property.required() || property.primaryKey())
                .withUnique(property.unique() || (property.primaryKey() && singlePrimaryKey));
        LogicalTypeOptions options = property.logicalTypeOptions();
        rules = rules.withLength(options.minLength().map(Math::toIntExact), options.maxLength().map(Math::toIntExact));
        if (options.pattern().isPresent()) {
            rules = rules.withPattern(options.pattern().get());
        }
        Optional<String> minimum = options.exclusiveMinimum().or(options::minimum).map(ContractRules::text);
        Optional<String> maximum = options.exclusiveMaximum().or(options::maximum).map(ContractRules::text);
        rules = rules.withRange(minimum, maximum)
                .withExclusive(options.exclusiveMinimum().isPresent(), options.exclusiveMaximum().isPresent());
        for (QualityRule quality : property.quality()) {
            if (quality.type() != QualityRule.Type.LIBRARY || quality.libraryMetric().isEmpty()
                    || !zeroTolerance(quality)) {
                continue;
            }
            switch (quality.libraryMetric().get()) {
                case NULL_VALUES, MISSING_VALUES -> rules = rules.withRequired(true);
                case DUPLICATE_VALUES -> rules = rules.withUnique(true);
                case INVALID_VALUES -> {
                    List<String> valid = quality.validValues().stream().filter(Objects::nonNull)
                            .map(ContractRules::text).toList();
                    if (!valid.isEmpty()) {
                        rules = rules.withValidValues(valid);
                    }
                    if (quality.pattern().isPresent()) {
                        rules = rules.withPattern(quality.pattern().get());
                    }
                }
                default -> { }
            }
        }
        for (Relationship relationship : property.relationships()) {
            if (!relationship.type().equals("foreignKey") || relationship.to().size() != 1) {
                continue;
            }
            String[] parts = relationship.to().get(0).split("\\.");
            if (parts.length == 2) {
                rules = rules.withReference(new ColumnReference(new TableId(table.domain(),
                        ContractTables.identifier(parts[0])), parts[1]));
            } else if (parts.length == 3) {
                rules = rules.withReference(new ColumnReference(new TableId(ContractTables.identifier(parts[0]),
                        ContractTables.identifier(parts[1])), parts[2]));
            }
        }
        return rules;
    }

    private static boolean zeroTolerance(QualityRule rule) {
        if (rule.comparison().isEmpty() || rule.comparison().get().values().isEmpty()) {
            return false;
        }
        QualityRule.Comparison comparison = rule.comparison().get();
        BigDecimal bound;
        try {
            bound = new BigDecimal(String.valueOf(comparison.values().get(0)));
        } catch (NumberFormatException e) {
            return false;
        }
        return switch (comparison.operator()) {
            case MUST_BE, MUST_BE_LESS_OR_EQUAL_TO -> bound.signum() == 0;
            case MUST_BE_LESS_THAN -> !rule.isPercent() && bound.compareTo(BigDecimal.ONE) == 0;
            default -> false;
        };
    }

    private static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
