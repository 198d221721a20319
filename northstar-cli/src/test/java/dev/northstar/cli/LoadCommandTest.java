package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.spi.store.MetadataStore;
import dev.northstar.spi.store.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadCommandTest extends InitializedHomeTestBase {
    @Test
    void loadsACsvFileIntoAnExistingTable() throws Exception {
        assertThat(northstar("table", "create", "retail.orders", "--column", "order_id!:long", "--column",
                "customer:string", "--column", "amount:decimal(12,2)").exitCode()).isZero();
        Files.writeString(directory.resolve("orders.csv"),
                "order_id,customer,amount\n1,alice,12.50\n2,bob,7.25\n3,\"carol, jr\",100.00\n");

        CliRun load = northstar("load", "orders.csv", "--table", "retail.orders");

        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.outLines().get(0)).startsWith("Loaded 3 rows from orders.csv into retail.orders in ");
        assertThat(load.outLines().get(1)).startsWith("  snapshot ").contains("1 data file").contains(", run ");
        assertThat(csv("SELECT order_id, customer, amount FROM retail.orders ORDER BY order_id"))
                .isEqualTo("order_id,customer,amount\n1,alice,12.50\n2,bob,7.25\n3,\"carol, jr\",100.00\n");
    }

    @Test
    void createsTheTableFromAJsonFile() throws Exception {
        Files.writeString(directory.resolve("events.ndjson"), """
                {"id": 1, "kind": "click", "score": 0.5, "at": "2026-01-01T10:00:00", "ok": true}
                {"id": 2, "kind": "view", "score": 1.25, "at": "2026-01-02T11:00:00", "ok": false}
                """);

        CliRun load = northstar("load", "events.ndjson", "--table", "web.events", "--create");

        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.out()).startsWith("Created web.events and loaded 2 rows from events.ndjson in ");
        CliRun describe = northstar("table", "describe", "web.events");
        assertThat(describe.outLines()).anySatisfy(line -> assertThat(line).contains("| id ").contains("| long"));
        assertThat(describe.outLines()).anySatisfy(line -> assertThat(line).contains("| score").contains("double"));
        assertThat(describe.outLines()).anySatisfy(line -> assertThat(line).contains("| ok").contains("boolean"));
        assertThat(csv("SELECT kind, score, ok FROM web.events ORDER BY id"))
                .isEqualTo("kind,score,ok\nclick,0.5,true\nview,1.25,false\n");
    }

    @Test
    void loadsAParquetFileWrittenByDuckDb() throws Exception {
        Path parquet = directory.resolve("readings.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS sensor, range * 1.5 AS value, DATE '2026-01-01' + range::INT "
                    + "AS day FROM range(1000)) TO '" + parquet + "' (FORMAT PARQUET)");
        }

        CliRun load = northstar("load", parquet.toString(), "--table", "iot.readings", "--create");

        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(csv("SELECT count(*) AS n, sum(value) AS total, max(day) AS last FROM iot.readings"))
                .isEqualTo("n,total,last\n1000,749250.0,2028-09-26\n");
    }

    @Test
    void loadingTheSameFileTwiceIsSkippedUnlessForced() throws Exception {
        Files.writeString(directory.resolve("orders.csv"), "order_id,amount\n1,10.0\n2,20.0\n");
        assertThat(northstar("load", "orders.csv", "--table", "retail.orders", "--create").exitCode()).isZero();

        CliRun again = northstar("load", "orders.csv", "--table", "retail.orders");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("Skipped: orders.csv (sha256:").contains("pass --force");
        assertThat(csv("SELECT count(*) AS n FROM retail.orders")).isEqualTo("n\n2\n");

        CliRun forced = northstar("load", "orders.csv", "--table", "retail.orders", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(csv("SELECT count(*) AS n FROM retail.orders")).isEqualTo("n\n4\n");
    }

    @Test
    void overwriteReplacesTheRows() throws Exception {
        Files.writeString(directory.resolve("first.csv"), "id\n1\n2\n3\n");
        Files.writeString(directory.resolve("second.csv"), "id\n9\n");
        assertThat(northstar("load", "first.csv", "--table", "t.ids", "--create").exitCode()).isZero();

        CliRun overwrite = northstar("load", "second.csv", "--table", "t.ids", "--overwrite");

        assertThat(overwrite.exitCode()).as(overwrite.toString()).isZero();
        assertThat(overwrite.out()).contains("(overwrite)");
        assertThat(csv("SELECT id FROM t.ids")).isEqualTo("id\n9\n");
    }

    @Test
    void recordsTheRunWithTheFileFingerprint() throws Exception {
        Path file = directory.resolve("orders.csv");
        Files.writeString(file, "order_id,amount\n1,10.0\n2,20.0\n");

        assertThat(northstar("load", "orders.csv", "--table", "retail.orders", "--create").exitCode()).isZero();

        try (MetadataStore store = openStore()) {
            List<RunRecord> runs = store.runs().forTarget("retail.orders", 10);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.kind()).isEqualTo("load");
                assertThat(run.status()).isEqualTo(RunRecord.SUCCEEDED);
                assertThat(run.rowsWritten()).isEqualTo(2);
                assertThat(run.snapshotId()).isPresent();
                assertThat(run.sourceFingerprint()).contains("sha256:" + LoadCommand.sha256(file));
                assertThat(run.details()).containsEntry("file", file.toString());
            });
        }
    }

    @Test
    void unknownTableWithoutCreateNamesCloseMatchesAndTheCreateOption() throws Exception {
        Files.writeString(directory.resolve("orders.csv"), "order_id\n1\n");
        assertThat(northstar("load", "orders.csv", "--table", "retail.orders", "--create").exitCode()).isZero();

        CliRun run = northstar("load", "orders.csv", "--table", "retail.order");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("retail.order").contains("retail.orders").contains("--create");
    }

    @Test
    void missingFileAndUnknownExtensionAreReported() throws Exception {
        Files.writeString(directory.resolve("orders.xlsx"), "binary");

        CliRun missing = northstar("load", "missing.csv", "--table", "retail.orders", "--create");
        CliRun unknown = northstar("load", "orders.xlsx", "--table", "retail.orders", "--create");

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("missing.csv").contains("does not exist");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Cannot tell the format").contains("hint: Name the file .csv");
    }

    @Test
    void rowsThatDoNotFitTheSchemaAreInvalidData() throws Exception {
        assertThat(northstar("table", "create", "retail.orders", "--column", "order_id:long").exitCode()).isZero();
        Files.writeString(directory.resolve("bad.csv"), "order_id\n1\nnot-a-number\n");

        CliRun run = northstar("load", "bad.csv", "--table", "retail.orders");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: ").contains("order_id");
    }
}
