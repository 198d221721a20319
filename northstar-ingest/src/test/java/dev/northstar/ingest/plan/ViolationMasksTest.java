package dev.northstar.ingest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.source.Source;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan's violation masks hold 62 rules each: rules on both sides of a mask boundary are all reported. */
class ViolationMasksTest {
    private static final int COLUMNS = 22;

    @Test
    void rulesBeyondOneMaskAreReportedInRuleOrder() throws Exception {
        List<ColumnRules> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < COLUMNS; i++) {
            names.add("c" + i);
            columns.add(ColumnRules.of("c" + i, ColumnType.Primitive.STRING).withRequired(true)
                    .withLength(Optional.of(2), Optional.of(3)));
        }
        ValidationPlan plan = ValidationPlan.compile(new ProductRules(TableId.parse("shop.wide"), columns,
                OnViolation.QUARANTINE, 1), names);
        assertThat(plan.checks()).hasSize(3 * COLUMNS);
        assertThat(plan.checks().get(61).rule()).isEqualTo("wide.c20.min_length");
        assertThat(plan.checks().get(62).rule()).isEqualTo("wide.c20.max_length");

        Map<String, List<String>> reasons = new LinkedHashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            StringBuilder create = new StringBuilder("CREATE TEMP TABLE " + Source.RAW_TABLE
                    + " (_record BIGINT, _line BIGINT");
            for (String name : names) {
                create.append(", ").append(name).append(" VARCHAR");
            }
            statement.execute(create.append(")").toString());
            statement.execute(insert(1, Map.of()));
            statement.execute(insert(2, Map.of(0, "'a'", 19, "'abcdef'", 20, "'abcd'", 21, "NULL")));
            statement.execute(insert(3, Map.of(20, "'x'")));
            statement.execute(plan.createCheckedSql());
            try (ResultSet rows = statement.executeQuery("SELECT _record, _line,"
                    + " list_transform(_violations, v -> v.rule || ' | ' || v.message)::VARCHAR[], _raw_values"
                    + " FROM " + ValidationPlan.CHECKED_TABLE + " ORDER BY _record")) {
                while (rows.next()) {
                    List<String> list = new ArrayList<>();
                    for (Object value : (Object[]) rows.getArray(3).getArray()) {
                        list.add((String) value);
                    }
                    reasons.put(rows.getLong(1) + "@" + rows.getLong(2) + (rows.getString(4) == null ? "" : " raw"),
                            list);
                }
            }
        }
        assertThat(reasons).containsExactly(
                Map.entry("1@2", List.of()),
                Map.entry("2@3 raw", List.of("wide.c0.min_length | c0: 'a' is shorter than 2 characters",
                        "wide.c19.max_length | c19: 'abcdef' is longer than 3 characters",
                        "wide.c20.max_length | c20: 'abcd' is longer than 3 characters",
                        "wide.c21.required | c21: a value is required")),
                Map.entry("3@4 raw", List.of("wide.c20.min_length | c20: 'x' is shorter than 2 characters")));
    }

    private static String insert(int record, Map<Integer, String> values) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + Source.RAW_TABLE + " VALUES (" + record + ", "
                + (record + 1));
        for (int i = 0; i < COLUMNS; i++) {
            sql.append(", ").append(values.getOrDefault(i, "'ab'"));
        }
        return sql.append(")").toString();
    }
}
