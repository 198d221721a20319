package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlCommandTest extends InitializedHomeTestBase {
    @BeforeEach
    void loadOrders() throws Exception {
        assertThat(northstar("table", "create", "retail.orders", "--column", "order_id!:long", "--column",
                "customer:string", "--column", "amount:decimal(12,2)", "--column", "ordered_at:timestamp")
                .exitCode()).isZero();
        Files.writeString(directory.resolve("orders.csv"), """
                order_id,customer,amount,ordered_at
                1,alice,12.50,2026-01-01 10:00:00
                2,bob,7.25,2026-01-02 11:30:00
                3,"carol, jr",100.00,2026-01-03 09:15:00
                """);
        CliRun load = northstar("load", "orders.csv", "--table", "retail.orders");
        assertThat(load.exitCode()).as(load.toString()).isZero();
    }

    @Test
    void printsAnAlignedTableWithNumbersOnTheRight() {
        CliRun run = northstar("sql", "SELECT order_id, customer, amount, ordered_at FROM retail.orders "
                + "ORDER BY order_id");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).containsExactly(
                " order_id | customer  | amount | ordered_at",
                "----------+-----------+--------+---------------------",
                "        1 | alice     |  12.50 | 2026-01-01 10:00:00",
                "        2 | bob       |   7.25 | 2026-01-02 11:30:00",
                "        3 | carol, jr | 100.00 | 2026-01-03 09:15:00");
        assertThat(run.err()).matches("\\(3 rows, \\d+ ms\\)\\n");
    }

    @Test
    void printsNullsAsNullInTablesAndEmptyInCsv() {
        CliRun table = northstar("sql", "SELECT NULL::VARCHAR AS nothing, 1 AS one FROM retail.orders LIMIT 1");
        CliRun csv = northstar("sql", "SELECT NULL::VARCHAR AS nothing, 1 AS one FROM retail.orders LIMIT 1",
                "--format", "csv");

        assertThat(table.outLines().get(2)).isEqualTo(" NULL    |   1");
        assertThat(csv.out()).isEqualTo("nothing,one\n,1\n");
    }

    @Test
    void printsCsvWithQuoting() {
        CliRun run = northstar("sql", "SELECT customer, amount FROM retail.orders ORDER BY order_id",
                "--format", "csv");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("customer,amount\nalice,12.50\nbob,7.25\n\"carol, jr\",100.00\n");
    }

    @Test
    void printsJsonRowObjects() throws Exception {
        CliRun run = northstar("sql", "SELECT order_id, customer, amount, ordered_at FROM retail.orders "
                + "ORDER BY order_id", "--format", "JSON");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("order_id").asLong()).isEqualTo(1);
        assertThat(rows.get(0).get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(rows.get(2).get("customer").asText()).isEqualTo("carol, jr");
        assertThat(rows.get(1).get("ordered_at").asText()).isEqualTo("2026-01-02 11:30:00");
    }

    @Test
    void maxRowsTruncatesAndSaysSo() {
        CliRun run = northstar("sql", "SELECT order_id FROM retail.orders ORDER BY order_id", "--max-rows", "2",
                "--format", "csv");

        assertThat(run.out()).isEqualTo("order_id\n1\n2\n");
        assertThat(run.err()).contains("(2 rows, ").contains("more rows exist: raise --max-rows");
    }

    @Test
    void readsAPinnedSnapshotAndAnInstant() throws Exception {
        List<String> history = northstar("table", "history", "retail.orders").outLines();
        String firstSnapshot = history.get(2).trim().split("\\s+")[0];
        // The history shows whole seconds; the first commit is certainly done by now.
        String afterFirstCommit = Instant.now().toString();
        Files.writeString(directory.resolve("more.csv"), "order_id,customer,amount\n4,dan,1.00\n");
        assertThat(northstar("load", "more.csv", "--table", "retail.orders").exitCode()).isZero();

        CliRun current = northstar("sql", "SELECT count(*) AS n FROM retail.orders", "--format", "csv");
        CliRun pinned = northstar("sql", "SELECT count(*) AS n FROM retail.orders", "--format", "csv",
                "--snapshot", "retail.orders=" + firstSnapshot);
        CliRun asOf = northstar("sql", "SELECT count(*) AS n FROM retail.orders", "--format", "csv",
                "--as-of", afterFirstCommit);
        CliRun beforeAnything = northstar("sql", "SELECT count(*) AS n FROM retail.orders", "--as-of", "2000-01-01");

        assertThat(current.out()).isEqualTo("n\n4\n");
        assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
        assertThat(pinned.out()).isEqualTo("n\n3\n");
        assertThat(asOf.exitCode()).as(asOf.toString()).isZero();
        assertThat(asOf.out()).isEqualTo("n\n3\n");
        assertThat(beforeAnything.exitCode()).as(beforeAnything.toString()).isEqualTo(3);
    }

    @Test
    void unknownSnapshotIsNotFound() {
        CliRun run = northstar("sql", "SELECT count(*) FROM retail.orders", "--snapshot", "retail.orders=42");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: ").contains("42");
    }

    @Test
    void badTimeTravelArgumentsAreUsageErrors() {
        CliRun badInstant = northstar("sql", "SELECT 1", "--as-of", "yesterday");
        CliRun badSnapshot = northstar("sql", "SELECT 1", "--snapshot", "retail.orders=latest");

        assertThat(badInstant.exitCode()).isEqualTo(2);
        assertThat(badInstant.err()).contains("--as-of 'yesterday' is not an ISO-8601 instant");
        assertThat(badSnapshot.exitCode()).isEqualTo(2);
        assertThat(badSnapshot.err()).contains("the snapshot id must be a number")
                .contains("northstar table history retail.orders");
    }

    @Test
    void malformedSqlIsInvalidSqlWithDuckDbsPosition() {
        CliRun run = northstar("sql", "SELECT order_id FROM retail.orders WHERE");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: ").contains("syntax error").contains("LINE 1");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void unknownTableInSqlIsNotFoundWithCloseMatches() {
        CliRun run = northstar("sql", "SELECT * FROM retail.order");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("retail.orders");
    }

    @Test
    void unknownFormatIsAUsageError() {
        CliRun run = northstar("sql", "SELECT 1", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Invalid value for option '--format'");
    }

    @Test
    void parsesInstantsLeniently() {
        assertThat(SqlCommand.parseInstant("2026-11-02T10:15:30Z")).hasToString("2026-11-02T10:15:30Z");
        assertThat(SqlCommand.parseInstant("2026-11-02T11:15:30+01:00")).hasToString("2026-11-02T10:15:30Z");
        assertThat(SqlCommand.parseInstant("2026-11-02 10:15:30")).hasToString("2026-11-02T10:15:30Z");
        assertThat(SqlCommand.parseInstant("2026-11-02")).hasToString("2026-11-02T00:00:00Z");
    }
}
