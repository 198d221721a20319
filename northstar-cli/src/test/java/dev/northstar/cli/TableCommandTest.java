package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableCommandTest extends InitializedHomeTestBase {
    private void createOrders() {
        CliRun created = northstar("table", "create", "retail.orders", "--column", "order_id!:long",
                "--column", "customer:string", "--column", "amount:decimal(12,2)", "--column", "ordered_at:timestamp",
                "--partition", "month(ordered_at)", "--sort", "ordered_at desc", "--description", "Web shop orders",
                "--property", "owner=retail-team");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo(
                "Created table retail.orders with 4 columns, partitioned by month(ordered_at)\n");
    }

    @Test
    void createsListsAndDescribesATable() {
        createOrders();

        CliRun list = northstar("table", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines()).hasSize(3);
        assertThat(list.outLines().get(0)).startsWith(" table").contains("rows").contains("description");
        assertThat(list.outLines().get(2)).startsWith(" retail.orders").contains("Web shop orders");

        CliRun describe = northstar("table", "describe", "retail.orders");
        assertThat(describe.exitCode()).as(describe.toString()).isZero();
        assertThat(describe.out())
                .contains("Table        retail.orders")
                .contains("Description  Web shop orders")
                .contains("Snapshot     none (never written)")
                .contains("Partitioned  month(ordered_at)")
                .contains("Sorted       ordered_at desc")
                .contains("owner = retail-team");
        assertThat(describe.outLines()).anySatisfy(line ->
                assertThat(line).matches("\\s+1 \\| order_id\\s+\\| long\\s+\\| yes .*"));
        assertThat(describe.outLines()).anySatisfy(line ->
                assertThat(line).matches("\\s+3 \\| amount\\s+\\| decimal\\(12,2\\)\\s+\\| no .*"));
    }

    @Test
    void listsOneDomain() {
        createOrders();
        assertThat(northstar("table", "create", "banking.accounts", "--column", "id:long").exitCode()).isZero();

        CliRun list = northstar("table", "list", "--domain", "banking");

        assertThat(list.out()).contains("banking.accounts").doesNotContain("retail.orders");
    }

    @Test
    void createsATableFromASchemaFile() throws Exception {
        Path schema = directory.resolve("orders.yaml");
        Files.writeString(schema, """
                description: Orders from YAML
                columns:
                  - name: order_id
                    type: long
                    required: true
                    description: Order number
                  - {name: amount, type: "decimal(12,2)"}
                  - {name: ordered_at, type: timestamp}
                partitioning: ["day(ordered_at)"]
                sort-order: [order_id]
                properties: {owner: yaml-team}
                """);

        CliRun created = northstar("table", "create", "retail.orders", "--schema", "orders.yaml");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        CliRun describe = northstar("table", "describe", "retail.orders");
        assertThat(describe.out()).contains("Orders from YAML").contains("day(ordered_at)").contains("Order number")
                .contains("owner = yaml-team");
    }

    @Test
    void schemaFileErrorsNameTheFileAndTheEntry() throws Exception {
        Path schema = directory.resolve("bad.yaml");
        Files.writeString(schema, "columns:\n  - {name: id, type: long}\n  - {name: amount, type: money}\n");

        CliRun run = northstar("table", "create", "retail.bad", "--schema", "bad.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + schema + ": columns[1]: Invalid column type 'money'")
                .contains("hint: Use one of boolean, int, long");
    }

    @Test
    void badColumnSpecIsAUsageError() {
        CliRun missingType = northstar("table", "create", "retail.orders", "--column", "order_id");
        CliRun unknownType = northstar("table", "create", "retail.orders", "--column", "amount:money");

        assertThat(missingType.exitCode()).isEqualTo(2);
        assertThat(missingType.err()).startsWith("error: Column 'order_id' must be written name:type");
        assertThat(unknownType.exitCode()).isEqualTo(2);
        assertThat(unknownType.err()).contains("error: Invalid column type 'money' at position").contains("unknown type 'money'")
                .contains("hint: Use one of boolean, int, long");
        assertThat(unknownType.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badTableNameAndMissingColumnsAreUsageErrors() {
        CliRun badName = northstar("table", "create", "orders", "--column", "id:long");
        CliRun noColumns = northstar("table", "create", "retail.orders");

        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("error: Table 'orders' must be written domain.table");
        assertThat(noColumns.exitCode()).isEqualTo(2);
        assertThat(noColumns.err()).contains("error: A table needs at least one column")
                .contains("hint: Add --column NAME:TYPE");
    }

    @Test
    void creatingATableTwiceIsAConflict() {
        createOrders();

        CliRun again = northstar("table", "create", "retail.orders", "--column", "id:long");

        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).startsWith("error: ").contains("retail.orders");
    }

    @Test
    void unknownTableIsNotFoundWithCloseMatches() {
        createOrders();

        CliRun run = northstar("table", "describe", "retail.order");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("retail.order").contains("retail.orders");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void historyListsSnapshotsWithTheirRun() throws Exception {
        createOrders();
        Files.writeString(directory.resolve("orders.csv"), "order_id,amount\n1,10.00\n2,20.00\n");
        assertThat(northstar("load", "orders.csv", "--table", "retail.orders").exitCode()).isZero();

        CliRun history = northstar("table", "history", "retail.orders");

        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.outLines()).hasSize(3);
        assertThat(history.outLines().get(2)).contains("append").contains("| *").matches(".*\\|\\s+2 \\|\\s+2 \\|.*");
    }

    @Test
    void dropNeedsConfirmationThenDeletesTheTable() {
        createOrders();

        CliRun refused = northstar("table", "drop", "retail.orders");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Refusing to drop retail.orders without confirmation")
                .contains("hint: Pass --yes");

        CliRun dropped = northstar("table", "drop", "retail.orders", "--yes");
        assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
        assertThat(dropped.out()).startsWith("Dropped table retail.orders");
        assertThat(northstar("table", "describe", "retail.orders").exitCode()).isEqualTo(3);
    }
}
