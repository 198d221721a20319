package dev.northstar.govern.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL column-lineage resolver on real queries parsed by DuckDB. */
class SqlColumnLineageTest {
    private static final Map<TableId, List<String>> SCHEMAS = Map.of(
            TableId.parse("retail.orders"), List.of("id", "customer_id", "amount", "ordered_at", "status"),
            TableId.parse("retail.customers"), List.of("id", "name", "email", "country"),
            TableId.parse("retail.refunds"), List.of("order_id", "amount"));

    private static Map<String, String> lineage(String sql) {
        return SqlColumnLineage.describe(SqlColumnLineage.resolve(sql, table -> {
            List<String> columns = SCHEMAS.get(table);
            if (columns == null) {
                throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + table + " does not exist");
            }
            return columns;
        }));
    }

    @Test
    void bareColumnsAreIdentity() {
        assertThat(lineage("SELECT id, amount FROM retail.orders")).containsExactly(
                Map.entry("id", "[retail.orders.id] IDENTITY"),
                Map.entry("amount", "[retail.orders.amount] IDENTITY"));
    }

    @Test
    void aliasesOfTablesAndColumns() {
        assertThat(lineage("SELECT o.id AS order_id, o.amount total FROM retail.orders AS o")).containsExactly(
                Map.entry("order_id", "[retail.orders.id] IDENTITY"),
                Map.entry("total", "[retail.orders.amount] IDENTITY"));
    }

    @Test
    void expressionsAreTransformations() {
        assertThat(lineage("SELECT upper(c.name) AS name, c.email || '@' || c.country AS contact, 42 AS answer,"
                + " CAST(c.id AS VARCHAR) AS id_text FROM retail.customers c")).containsExactly(
                Map.entry("name", "[retail.customers.name] TRANSFORMATION"),
                Map.entry("contact", "[retail.customers.country, retail.customers.email] TRANSFORMATION"),
                Map.entry("answer", "[] TRANSFORMATION"),
                Map.entry("id_text", "[retail.customers.id] TRANSFORMATION"));
    }

    @Test
    void aggregatesAreAggregationsAndGroupKeysIdentity() {
        assertThat(lineage("SELECT CAST(ordered_at AS DATE) AS day, status, sum(amount) AS revenue,"
                + " count(*) AS orders FROM retail.orders GROUP BY ALL")).containsExactly(
                Map.entry("day", "[retail.orders.ordered_at] TRANSFORMATION"),
                Map.entry("status", "[retail.orders.status] IDENTITY"),
                Map.entry("revenue", "[retail.orders.amount] AGGREGATION"),
                Map.entry("orders", "[] AGGREGATION"));
    }

    @Test
    void joinsResolveEachSide() {
        assertThat(lineage("SELECT o.id, c.name, c.id AS customer FROM retail.orders o"
                + " JOIN retail.customers c ON o.customer_id = c.id LEFT JOIN retail.refunds r ON r.order_id = o.id"
                + " WHERE r.amount IS NULL")).containsExactly(
                Map.entry("id", "[retail.orders.id] IDENTITY"),
                Map.entry("name", "[retail.customers.name] IDENTITY"),
                Map.entry("customer", "[retail.customers.id] IDENTITY"));
    }

    @Test
    void unqualifiedColumnsFindTheirTable() {
        assertThat(lineage("SELECT name, amount FROM retail.orders o JOIN retail.customers c ON o.customer_id = c.id"))
                .containsExactly(Map.entry("name", "[retail.customers.name] IDENTITY"),
                        Map.entry("amount", "[retail.orders.amount] IDENTITY"));
    }

    @Test
    void starExpandsWithTableSchemas() {
        assertThat(lineage("SELECT * FROM retail.customers")).containsExactly(
                Map.entry("id", "[retail.customers.id] IDENTITY"),
                Map.entry("name", "[retail.customers.name] IDENTITY"),
                Map.entry("email", "[retail.customers.email] IDENTITY"),
                Map.entry("country", "[retail.customers.country] IDENTITY"));
        assertThat(lineage("SELECT c.* EXCLUDE (email), o.amount FROM retail.orders o, retail.customers c"))
                .containsOnlyKeys("id", "name", "country", "amount")
                .containsEntry("id", "[retail.customers.id] IDENTITY");
    }

    @Test
    void ctesCarryLineageThroughAndAggregationSticks() {
        assertThat(lineage("WITH per_customer AS (SELECT customer_id, sum(amount) AS spent FROM retail.orders"
                + " GROUP BY customer_id), ranked AS (SELECT * FROM per_customer WHERE spent > 100)"
                + " SELECT c.name, r.spent * 1.2 AS spent_with_tax, r.spent FROM ranked r"
                + " JOIN retail.customers c ON c.id = r.customer_id")).containsExactly(
                Map.entry("name", "[retail.customers.name] IDENTITY"),
                Map.entry("spent_with_tax", "[retail.orders.amount] AGGREGATION"),
                Map.entry("spent", "[retail.orders.amount] AGGREGATION"));
    }

    @Test
    void subqueriesInFromAndScalarSubqueries() {
        assertThat(lineage("SELECT big.id, (SELECT max(amount) FROM retail.refunds) AS biggest_refund"
                + " FROM (SELECT id, amount AS value FROM retail.orders WHERE amount > 10) AS big"))
                .containsExactly(Map.entry("id", "[retail.orders.id] IDENTITY"),
                        Map.entry("biggest_refund", "[retail.refunds.amount] AGGREGATION"));
        assertThat(lineage("SELECT v FROM (SELECT amount FROM retail.orders) AS t(v)"))
                .containsExactly(Map.entry("v", "[retail.orders.amount] IDENTITY"));
    }

    @Test
    void unionsMergeByPosition() {
        assertThat(lineage("SELECT id, amount FROM retail.orders UNION ALL SELECT order_id, -amount FROM retail.refunds"))
                .containsExactly(Map.entry("id", "[retail.orders.id, retail.refunds.order_id] IDENTITY"),
                        Map.entry("amount", "[retail.orders.amount, retail.refunds.amount] TRANSFORMATION"));
    }

    @Test
    void caseAndWindowFunctions() {
        assertThat(lineage("SELECT id, CASE WHEN status = 'paid' THEN amount ELSE 0 END AS paid,"
                + " sum(amount) OVER (PARTITION BY customer_id) AS customer_total,"
                + " row_number() OVER (ORDER BY ordered_at) AS position FROM retail.orders")).containsExactly(
                Map.entry("id", "[retail.orders.id] IDENTITY"),
                Map.entry("paid", "[retail.orders.amount, retail.orders.status] TRANSFORMATION"),
                Map.entry("customer_total", "[retail.orders.amount] AGGREGATION"),
                Map.entry("position", "[] TRANSFORMATION"));
    }

    @Test
    void unnamedExpressionsAreReportedWithoutName() {
        List<SqlColumnLineage.OutputColumn> columns = SqlColumnLineage.resolve("SELECT amount + 1 FROM retail.orders",
                table -> SCHEMAS.get(table));
        assertThat(columns).singleElement().satisfies(column -> {
            assertThat(column.name()).isEmpty();
            assertThat(column.sources()).containsExactly(new SqlColumnLineage.Source(TableId.parse("retail.orders"),
                    "amount"));
        });
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> lineage("SELECT o.nope FROM retail.orders o"))
                .isInstanceOf(NorthstarException.class).hasMessageContaining("Column o.nope does not exist")
                .extracting(e -> ((NorthstarException) e).hint()).asString().contains("customer_id");
        assertThatThrownBy(() -> lineage("SELEC 1")).isInstanceOf(NorthstarException.class)
                .hasMessageContaining("Cannot parse the query")
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.INVALID_SQL);
        assertThatThrownBy(() -> lineage("SELECT * FROM retail.nothing")).isInstanceOf(NorthstarException.class)
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    }
}
