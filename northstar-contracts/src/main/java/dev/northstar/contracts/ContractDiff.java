package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes between two versions of a contract, each classified as breaking or compatible, with the reason.
 *
 * <p>Breaking (consumers or producers that worked with the old version may fail with the new one): a removed schema
 * object or column; a probable rename (a removed and an added column of the same type); a changed or narrowed type
 * ({@code long → int}, decimal precision down, {@code varchar(n)} length down); an optional column made required; a
 * new required column; a column made unique or part of the primary key; a tightened {@code maxLength},
 * {@code minLength}, {@code minimum}, {@code maximum} or {@code pattern}; fewer {@code validValues}; a new or
 * tightened quality rule; a tightened SLA (shorter latency, frequency, freshness or time-to-x, shorter retention,
 * higher availability) or a removed one; a changed {@code id} or {@code domain}.
 *
 * <p>Compatible: added optional columns and schema objects, widened types ({@code int → long},
 * {@code float → double}, decimal precision up), loosened options and rules, removed rules, added SLAs, and changes to
 * descriptions, tags, classification, team, support and other documentation.
 *
 * @param changes every change, in document order
 */
public record ContractDiff(List<Change> changes) {
    private static final Pattern LENGTH = Pattern.compile("(?:var)?char\\w*\\s*\\(\\s*(\\d+)\\s*\\)",
            Pattern.CASE_INSENSITIVE);

    public ContractDiff {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
    }

    /** Whether any change is breaking. */
    public boolean isBreaking() {
        return changes.stream().anyMatch(Change::isBreaking);
    }

    /** The breaking changes. */
    public List<Change> breaking() {
        return changes.stream().filter(Change::isBreaking).toList();
    }

    /** The changes from {@code before} to {@code after}. */
    public static ContractDiff between(DataContract before, DataContract after) {
        Builder builder = new Builder();
        builder.compare(before, after);
        return new ContractDiff(builder.changes);
    }

    /** Whether a change is breaking or compatible. */
    public enum Impact {
        BREAKING,
        COMPATIBLE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One change.
     *
     * @param impact breaking or compatible
     * @param path where, in the new document's terms when it exists there ({@code schema[orders].properties[amount]})
     * @param description what changed, with the old and new values
     * @param reason why it is breaking or compatible
     */
    public record Change(Impact impact, String path, String description, String reason) {
        public Change {
            requireNonNull(impact, "impact is null");
            requireNonNull(path, "path is null");
            requireNonNull(description, "description is null");
            requireNonNull(reason, "reason is null");
        }

        public boolean isBreaking() {
            return impact == Impact.BREAKING;
        }
    }

    private static final class Builder {
        private final List<Change> changes = new ArrayList<>();

        private void breaking(String path, String description, String reason) {
            changes.add(new Change(Impact.BREAKING, path, description, reason));
        }

        private void compatible(String path, String description, String reason) {
            changes.add(new Change(Impact.COMPATIBLE, path, description, reason));
        }

        void compare(DataContract before, DataContract after) {
            if (!before.id().equals(after.id())) {
                breaking("id", "id changed from '" + before.id() + "' to '" + after.id() + "'",
                        "a different id is a different contract");
            }
            if (!ContractTables.identifier(before.domain()).equals(ContractTables.identifier(after.domain()))) {
                breaking("domain", "domain changed from '" + before.domain() + "' to '" + after.domain() + "'",
                        "the tables move to another domain; queries naming the old one fail");
            }
            text("apiVersion", before.apiVersion(), after.apiVersion());
            text("status", before.status(), after.status());
            text("dataProduct", before.dataProduct(), after.dataProduct());
            text("description.purpose", before.description().purpose(), after.description().purpose());
            text("description.usage", before.description().usage(), after.description().usage());
            text("description.limitations", before.description().limitations(), after.description().limitations());
            if (!before.team().equals(after.team())) {
                compatible("team", "team changed", "documentation only");
            }
            if (!before.support().equals(after.support())) {
                compatible("support", "support channels changed", "documentation only");
            }
            for (SchemaObject old : before.schema()) {
                Optional<SchemaObject> current = after.schemaObject(old.name());
                if (current.isEmpty()) {
                    breaking("schema[" + old.name() + "]", "schema object '" + old.name() + "' removed",
                            "consumers of its table lose it");
                } else {
                    compareObject(old, current.get());
                }
            }
            for (SchemaObject added : after.schema()) {
                if (before.schemaObject(added.name()).isEmpty()) {
                    compatible("schema[" + added.name() + "]", "schema object '" + added.name() + "' added",
                            "a new table does not affect existing ones");
                }
            }
            compareSla(before.slaProperties(), after.slaProperties());
        }

        private void text(String path, String before, String after) {
            if (!before.equals(after)) {
                compatible(path, path + " changed from '" + before + "' to '" + after + "'", "documentation only");
            }
        }

        private void compareObject(SchemaObject before, SchemaObject after) {
            String path = "schema[" + after.name() + "]";
            text(path + ".description", before.description(), after.description());
            List<SchemaProperty> removed = new ArrayList<>();
            List<SchemaProperty> added = new ArrayList<>();
            for (SchemaProperty old : before.properties()) {
                Optional<SchemaProperty> current = after.property(old.name());
                if (current.isEmpty()) {
                    removed.add(old);
                } else {
                    compareProperty(path + ".properties[" + old.name() + "]", old, current.get());
                }
            }
            for (SchemaProperty property : after.properties()) {
                if (before.property(property.name()).isEmpty()) {
                    added.add(property);
                }
            }
            for (SchemaProperty old : removed) {
                Optional<SchemaProperty> renamed = added.stream()
                        .filter(candidate -> ContractTables.columnType(candidate).equals(ContractTables.columnType(old)))
                        .findFirst();
                if (renamed.isPresent()) {
                    added.remove(renamed.get());
                    breaking(path + ".properties[" + renamed.get().name() + "]", "column '" + old.name()
                            + "' probably renamed to '" + renamed.get().name() + "' (same type "
                            + ContractTables.columnType(old).text() + ")",
                            "queries and producers using the old name fail");
                } else {
                    breaking(path + ".properties[" + old.name() + "]", "column '" + old.name() + "' removed",
                            "queries and producers using it fail");
                }
            }
            for (SchemaProperty property : added) {
                String propertyPath = path + ".properties[" + property.name() + "]";
                if (property.required()) {
                    breaking(propertyPath, "required column '" + property.name() + "' added",
                            "existing producers do not send it, so their rows would be rejected");
                } else {
                    compatible(propertyPath, "optional column '" + property.name() + "' added",
                            "existing rows read it as null and producers may omit it");
                }
            }
            compareRules(path + ".quality", before.quality(), after.quality());
        }

        private void compareProperty(String path, SchemaProperty before, SchemaProperty after) {
            ColumnType oldType = ContractTables.columnType(before);
            ColumnType newType = ContractTables.columnType(after);
            if (!oldType.equals(newType)) {
                if (isWidening(oldType, newType)) {
                    compatible(path + ".logicalType", "type widened from " + oldType.text() + " to "
                            + newType.text(), "every old value fits the new type");
                } else if (isWidening(newType, oldType)) {
                    breaking(path + ".logicalType", "type narrowed from " + oldType.text() + " to "
                            + newType.text(), "existing values may not fit the narrower type");
                } else {
                    breaking(path + ".logicalType", "type changed from " + oldType.text() + " to "
                            + newType.text(), "existing values and queries assume the old type");
                }
            } else {
                Optional<Long> oldLength = declaredLength(before.physicalType());
                Optional<Long> newLength = declaredLength(after.physicalType());
                if (oldLength.isPresent() && newLength.isPresent() && !oldLength.equals(newLength)) {
                    boolean narrower = newLength.get() < oldLength.get();
                    change(narrower, path + ".physicalType", "physicalType changed from " + before.physicalType()
                            + " to " + after.physicalType(), narrower
                            ? "longer existing values do not fit" : "every old value still fits");
                }
            }
            if (!before.required() && after.required()) {
                breaking(path + ".required", "column '" + after.name() + "' made required",
                        "rows with nulls, which were valid, would be rejected");
            } else if (before.required() && !after.required()) {
                compatible(path + ".required", "column '" + after.name() + "' made optional",
                        "every old row is still valid");
            }
            if (!before.unique() && after.unique()) {
                breaking(path + ".unique", "column '" + after.name() + "' made unique",
                        "duplicate values, which were valid, would be rejected");
            } else if (before.unique() && !after.unique()) {
                compatible(path + ".unique", "column '" + after.name() + "' no longer unique", "a loosened rule");
            }
            if (!before.primaryKey() && after.primaryKey()) {
                breaking(path + ".primaryKey", "column '" + after.name() + "' added to the primary key",
                        "the key identifies rows differently");
            } else if (before.primaryKey() && !after.primaryKey()) {
                breaking(path + ".primaryKey", "column '" + after.name() + "' removed from the primary key",
                        "the key identifies rows differently");
            }
            text(path + ".description", before.description(), after.description());
            text(path + ".classification", before.classification(), after.classification());
            compareOptions(path + ".logicalTypeOptions", before.logicalTypeOptions(), after.logicalTypeOptions());
            compareRules(path + ".quality", before.quality(), after.quality());
        }

        private void compareOptions(String path, LogicalTypeOptions before, LogicalTypeOptions after) {
            bound(path + ".maxLength", before.maxLength().map(Object.class::cast),
                    after.maxLength().map(Object.class::cast), true);
            bound(path + ".minLength", before.minLength().map(Object.class::cast),
                    after.minLength().map(Object.class::cast), false);
            bound(path + ".maximum", before.maximum(), after.maximum(), true);
            bound(path + ".exclusiveMaximum", before.exclusiveMaximum(), after.exclusiveMaximum(), true);
            bound(path + ".minimum", before.minimum(), after.minimum(), false);
            bound(path + ".exclusiveMinimum", before.exclusiveMinimum(), after.exclusiveMinimum(), false);
            if (!before.pattern().equals(after.pattern())) {
                if (after.pattern().isEmpty()) {
                    compatible(path + ".pattern", "pattern " + before.pattern().get() + " removed", "a loosened rule");
                } else {
                    breaking(path + ".pattern", before.pattern().map(old -> "pattern changed from " + old + " to ")
                            .orElse("pattern added: ") + after.pattern().get(),
                            "values matching the old pattern may not match the new one");
                }
            }
            if (!before.format().equals(after.format())) {
                change(after.format().isPresent(), path + ".format", "format changed from "
                        + before.format().orElse("(none)") + " to " + after.format().orElse("(none)"),
                        after.format().isPresent() ? "values in the old format may not parse" : "a loosened rule");
            }
        }

        /** An upper bound ({@code upper}) tightens when it goes down or appears; a lower bound when it goes up. */
        private void bound(String path, Optional<Object> before, Optional<Object> after, boolean upper) {
            if (before.equals(after)) {
                return;
            }
            String name = path.substring(path.lastIndexOf('.') + 1);
            if (after.isEmpty()) {
                compatible(path, name + " " + before.get() + " removed", "a loosened rule");
                return;
            }
            if (before.isEmpty()) {
                breaking(path, name + " " + after.get() + " added", "existing values may be out of the new bound");
                return;
            }
            Optional<Integer> compared = compare(after.get(), before.get());
            boolean tighter = compared.map(value -> upper ? value < 0 : value > 0).orElse(true);
            change(tighter, path, name + " changed from " + before.get() + " to " + after.get(), tighter
                    ? "existing values may be out of the new bound" : "a loosened rule");
        }

        private void compareRules(String path, List<QualityRule> before, List<QualityRule> after) {
            List<QualityRule> unmatched = new ArrayList<>(after);
            for (QualityRule old : before) {
                Optional<QualityRule> current = unmatched.stream().filter(rule -> key(rule).equals(key(old)))
                        .findFirst();
                if (current.isEmpty()) {
                    compatible(path + "[" + key(old) + "]", "quality rule " + key(old) + " removed",
                            "a loosened rule");
                    continue;
                }
                unmatched.remove(current.get());
                compareRule(path + "[" + key(old) + "]", old, current.get());
            }
            for (QualityRule rule : unmatched) {
                if (rule.type() == QualityRule.Type.LIBRARY || rule.type() == QualityRule.Type.SQL) {
                    breaking(path + "[" + key(rule) + "]", "quality rule " + key(rule) + " added"
                            + rule.comparison().map(comparison -> " (" + comparison.text() + ")").orElse(""),
                            "rows that passed before may now fail");
                } else {
                    compatible(path + "[" + key(rule) + "]", rule.type().text() + " quality rule added",
                            "not evaluated by Northstar");
                }
            }
        }

        private static String key(QualityRule rule) {
            if (!rule.name().isEmpty()) {
                return rule.name();
            }
            if (!rule.metric().isEmpty()) {
                return rule.metric();
            }
            if (!rule.query().isEmpty()) {
                return "sql:" + rule.query().strip().replaceAll("\\s+", " ");
            }
            return rule.type().text() + ":" + rule.description();
        }

        private void compareRule(String path, QualityRule before, QualityRule after) {
            Set<String> oldValid = texts(before.validValues());
            Set<String> newValid = texts(after.validValues());
            if (!oldValid.equals(newValid)) {
                Set<String> dropped = new LinkedHashSet<>(oldValid);
                dropped.removeAll(newValid);
                if (newValid.isEmpty()) {
                    compatible(path + ".arguments.validValues", "validValues " + oldValid + " removed",
                            "a loosened rule");
                } else if (oldValid.isEmpty() || !dropped.isEmpty()) {
                    breaking(path + ".arguments.validValues", "validValues narrowed"
                            + (dropped.isEmpty() ? " to " + newValid : ": " + dropped + " no longer valid"),
                            "rows with those values would now be invalid");
                } else {
                    compatible(path + ".arguments.validValues", "validValues widened to " + newValid,
                            "every old value is still valid");
                }
            }
            if (!before.pattern().equals(after.pattern())) {
                change(after.pattern().isPresent(), path + ".arguments.pattern", "pattern changed from "
                        + before.pattern().orElse("(none)") + " to " + after.pattern().orElse("(none)"),
                        after.pattern().isPresent() ? "values matching the old pattern may not match the new one"
                                : "a loosened rule");
            }
            if (!before.unit().equals(after.unit())) {
                breaking(path + ".unit", "unit changed from " + before.unit() + " to " + after.unit(),
                        "the threshold means something else");
            }
            if (!before.comparison().equals(after.comparison()) && before.comparison().isPresent()
                    && after.comparison().isPresent()) {
                QualityRule.Comparison old = before.comparison().get();
                QualityRule.Comparison current = after.comparison().get();
                Optional<Boolean> looser = looser(old, current);
                boolean breaking = looser.map(value -> !value).orElse(true);
                change(breaking, path, "comparison changed from " + old.text() + " to " + current.text(),
                        breaking ? "measures that passed before may now fail" : "a loosened rule");
            }
        }

        /** Whether every measure passing {@code before} also passes {@code after}; empty when unknown. */
        private static Optional<Boolean> looser(QualityRule.Comparison before, QualityRule.Comparison after) {
            try {
                if (before.operator() != after.operator()) {
                    return Optional.empty();
                }
                int compared = after.number(0).compareTo(before.number(0));
                return switch (before.operator()) {
                    case MUST_BE, MUST_NOT_BE -> Optional.of(compared == 0);
                    case MUST_BE_GREATER_THAN, MUST_BE_GREATER_OR_EQUAL_TO -> Optional.of(compared <= 0);
                    case MUST_BE_LESS_THAN, MUST_BE_LESS_OR_EQUAL_TO -> Optional.of(compared >= 0);
                    case MUST_BE_BETWEEN -> Optional.of(compared <= 0
                            && after.number(1).compareTo(before.number(1)) >= 0);
                    case MUST_NOT_BE_BETWEEN -> Optional.of(compared >= 0
                            && after.number(1).compareTo(before.number(1)) <= 0);
                };
            } catch (IllegalStateException e) {
                return Optional.empty();
            }
        }

        private void compareSla(List<SlaProperty> before, List<SlaProperty> after) {
            for (SlaProperty old : before) {
                String path = "slaProperties[" + old.property() + (old.element().isEmpty() ? "" : "@"
                        + old.element()) + "]";
                Optional<SlaProperty> current = after.stream().filter(sla -> sla.property().equals(old.property())
                        && sla.element().equals(old.element())).findFirst();
                if (current.isEmpty()) {
                    breaking(path, "SLA " + old.property() + " removed", "consumers lose a promised service level");
                    continue;
                }
                SlaProperty now = current.get();
                if (Objects.equals(old.value(), now.value()) && old.unit().equals(now.unit())
                        && Objects.equals(old.valueExt(), now.valueExt())) {
                    continue;
                }
                String description = "SLA " + old.property() + " changed from " + old.value() + " " + old.unit()
                        + " to " + now.value() + " " + now.unit();
                Optional<Boolean> tighter = tighter(old, now);
                if (tighter.isEmpty()) {
                    breaking(path, description, "a changed promise may not be met by the producer or relied on "
                            + "by consumers");
                } else if (tighter.get()) {
                    breaking(path, description, "a tightened service level");
                } else {
                    compatible(path, description, "a loosened service level");
                }
            }
            for (SlaProperty added : after) {
                boolean existed = before.stream().anyMatch(sla -> sla.property().equals(added.property())
                        && sla.element().equals(added.element()));
                if (!existed) {
                    compatible("slaProperties[" + added.property() + "]", "SLA " + added.property() + " added",
                            "a new promise does not affect existing consumers");
                }
            }
        }

        private static Optional<Boolean> tighter(SlaProperty before, SlaProperty after) {
            Optional<Duration> oldDuration = before.duration();
            Optional<Duration> newDuration = after.duration();
            if (oldDuration.isPresent() && newDuration.isPresent()) {
                int compared = newDuration.get().compareTo(oldDuration.get());
                // Retention shorter: less history for consumers. Latency, frequency... shorter: a harder promise.
                return Optional.of(compared < 0);
            }
            if (before.property().equals("availability") && before.value() instanceof Number oldValue
                    && after.value() instanceof Number newValue) {
                return Optional.of(new BigDecimal(newValue.toString()).compareTo(new BigDecimal(oldValue.toString()))
                        > 0);
            }
            return Optional.empty();
        }

        private void change(boolean breaking, String path, String description, String reason) {
            if (breaking) {
                breaking(path, description, reason);
            } else {
                compatible(path, description, reason);
            }
        }

        private static Set<String> texts(List<Object> values) {
            Set<String> texts = new LinkedHashSet<>();
            for (Object value : values) {
                texts.add(String.valueOf(value));
            }
            return texts;
        }

        private static Optional<Long> declaredLength(String physicalType) {
            Matcher matcher = LENGTH.matcher(physicalType.trim());
            return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
        }

        private static Optional<Integer> compare(Object left, Object right) {
            if (left instanceof Number && right instanceof Number) {
                return Optional.of(new BigDecimal(left.toString()).compareTo(new BigDecimal(right.toString())));
            }
            if (left instanceof String leftText && right instanceof String rightText) {
                return Optional.of(leftText.compareTo(rightText));
            }
            return Optional.empty();
        }
    }

    /** Whether Iceberg can widen {@code from} to {@code to} in place: int→long, float→double, decimal precision up. */
    static boolean isWidening(ColumnType from, ColumnType to) {
        if (from == ColumnType.Primitive.INT && to == ColumnType.Primitive.LONG) {
            return true;
        }
        if (from == ColumnType.Primitive.FLOAT && to == ColumnType.Primitive.DOUBLE) {
            return true;
        }
        return from instanceof ColumnType.Decimal oldDecimal && to instanceof ColumnType.Decimal newDecimal
                && oldDecimal.scale() == newDecimal.scale() && newDecimal.precision() > oldDecimal.precision();
    }
}
