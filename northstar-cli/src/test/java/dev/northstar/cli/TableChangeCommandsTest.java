package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableChangeCommandsTest extends InitializedHomeTestBase {
    @BeforeEach
    void loadOrders() throws Exception {
        assertThat(northstar("table", "create", "retail.orders", "--column", "order_id!:long", "--column",
                "customer:string", "--column", "quantity:int", "--column", "amount:decimal(10,2)").exitCode())
                .isZero();
        Files.writeString(directory.resolve("a.csv"), "order_id,customer,quantity,amount\n1,alice,1,10.00\n"
                + "2,bob,2,20.00\n");
        Files.writeString(directory.resolve("b.csv"), "order_id,customer,quantity,amount\n3,carol,3,30.00\n");
        assertThat(northstar("load", "a.csv", "--table", "retail.orders").exitCode()).isZero();
        assertThat(northstar("load", "b.csv", "--table", "retail.orders").exitCode()).isZero();
    }

    @Test
    void altersTheSchemaWithoutRewritingData() {
        CliRun alter = northstar("table", "alter", "retail.orders", "--add-column", "coupon:string",
                "--rename", "customer=customer_name", "--widen", "quantity:long", "--widen", "amount:decimal(14,2)",
                "--make-optional", "order_id");

        assertThat(alter.exitCode()).as(alter.toString()).isZero();
        assertThat(alter.out()).startsWith("Altered table retail.orders (5 changes)")
                .contains("customer_name string").contains("quantity long").contains("amount decimal(14,2)")
                .contains("coupon string");
        assertThat(csv("SELECT customer_name, quantity, amount, coupon FROM retail.orders ORDER BY order_id"))
                .isEqualTo("customer_name,quantity,amount,coupon\nalice,1,10.00,\nbob,2,20.00,\ncarol,3,30.00,\n");
    }

    @Test
    void narrowingIsAnInvalidSchemaChange() {
        CliRun run = northstar("table", "alter", "retail.orders", "--widen", "amount:decimal(8,2)");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: ").contains("amount");
    }

    @Test
    void alterWithoutChangesIsAUsageError() {
        CliRun run = northstar("table", "alter", "retail.orders");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No schema change given");
    }

    @Test
    void deletesMatchingRowsCopyOnWrite() {
        CliRun delete = northstar("table", "delete", "retail.orders", "--where", "customer = 'bob'");
        CliRun none = northstar("table", "delete", "retail.orders", "--where", "customer = 'nobody'");

        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(delete.out()).startsWith("Deleted 1 row from retail.orders: snapshot ");
        assertThat(none.out()).startsWith("No row of retail.orders matches; nothing committed");
        assertThat(csv("SELECT customer FROM retail.orders ORDER BY order_id")).isEqualTo("customer\nalice\ncarol\n");
    }

    @Test
    void compactsAndExpiresSnapshots() {
        assertThat(northstar("table", "delete", "retail.orders", "--where", "order_id = 1").exitCode()).isZero();

        CliRun maintain = northstar("table", "maintain", "retail.orders", "--compact", "--expire-older-than", "0s",
                "--remove-orphans-older-than", "0s");

        assertThat(maintain.exitCode()).as(maintain.toString()).isZero();
        List<String> lines = maintain.outLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("compact: ");
        assertThat(lines.get(1)).startsWith("expire-snapshots: ");
        assertThat(lines.get(2)).startsWith("remove-orphan-files: ");
        assertThat(northstar("table", "history", "retail.orders").outLines()).hasSize(3);
        assertThat(csv("SELECT count(*) AS n FROM retail.orders")).isEqualTo("n\n2\n");
    }

    @Test
    void maintainWithoutTaskIsAUsageError() {
        CliRun run = northstar("table", "maintain", "retail.orders");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No maintenance task given").contains("--compact");
    }
}
