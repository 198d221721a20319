package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.cli.demo.DemoDataSet;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path directory;

    private CliRun northstar(String... args) {
        return CliRun.run(directory, args);
    }

    @Test
    void buildsTheDemoTablesInItsOwnFolder() {
        CliRun run = northstar("demo", "--rows", "20000", "--no-server");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path demo = directory.resolve("northstar-data").resolve("demo");
        assertThat(demo.resolve(DemoCommand.MARKER)).isRegularFile();
        for (DemoDataSet.DemoTable table : DemoDataSet.tables(20_000)) {
            assertThat(run.out()).contains(table.id().toString());
        }
        CliRun counts = northstar("--home", demo.toString(), "sql",
                "SELECT (SELECT count(*) FROM retail.orders) AS orders, "
                        + "(SELECT count(*) FROM banking.card_transactions) AS transactions, "
                        + "(SELECT count(*) FROM retail.orders o JOIN retail.customers c USING (customer_id)) "
                        + "AS joined", "--format", "csv");
        assertThat(counts.exitCode()).as(counts.toString()).isZero();
        assertThat(counts.out()).isEqualTo("orders,transactions,joined\n10000,8350,10000\n");
    }

    @Test
    void isDeterministicAndRebuildsOnlyItsFolder() throws Exception {
        Path userFile = directory.resolve("northstar-data").resolve("keep.txt");
        Files.createDirectories(userFile.getParent());
        Files.writeString(userFile, "user data");
        String query = "SELECT sum(amount) AS revenue, count(DISTINCT customer_id) AS buyers FROM retail.orders";
        Path demo = directory.resolve("northstar-data").resolve("demo");

        assertThat(northstar("demo", "--rows", "5000", "--no-server").exitCode()).isZero();
        String first = northstar("--home", demo.toString(), "sql", query, "--format", "csv").out();
        assertThat(northstar("demo", "--rows", "5000", "--no-server").exitCode()).isZero();
        String second = northstar("--home", demo.toString(), "sql", query, "--format", "csv").out();

        assertThat(second).isEqualTo(first).startsWith("revenue,buyers\n");
        assertThat(userFile).hasContent("user data");
    }

    @Test
    void refusesAFolderItDidNotCreate() throws Exception {
        Path foreign = directory.resolve("northstar-data").resolve("demo").resolve("precious.csv");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "id\n1\n");

        CliRun run = northstar("demo", "--rows", "5000", "--no-server");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("was not created by 'northstar demo': not touching it");
        assertThat(foreign).hasContent("id\n1\n");
    }

    @Test
    void busyPortIsUnavailableWithTheWayOut() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = northstar("demo", "--rows", "5000", "--port", Integer.toString(busy.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(7);
            assertThat(run.err()).contains("error: Cannot listen on 127.0.0.1:" + busy.getLocalPort())
                    .contains("hint: Pass --port N to use another port, or --port 0 to pick a free one");
        }
    }

    @Test
    void fraudRateIsAboutThreePerThousand() {
        Path demo = directory.resolve("northstar-data").resolve("demo");
        assertThat(northstar("demo", "--rows", "200000", "--no-server").exitCode()).isZero();

        CliRun run = northstar("--home", demo.toString(), "sql",
                "SELECT round(avg(is_fraud::INT) * 1000) AS per_thousand FROM banking.card_transactions",
                "--format", "csv");

        assertThat(run.out()).isIn("per_thousand\n2.0\n", "per_thousand\n3.0\n", "per_thousand\n4.0\n");
    }
}
