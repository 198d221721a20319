package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.cli.demo.DemoDataSet;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                        + "(SELECT count(*) BETWEEN 9000 AND 11000 FROM banking.card_transactions) AS transactions, "
                        + "(SELECT count(*) FROM retail.orders o JOIN retail.customers c USING (customer_id)) "
                        + "AS joined", "--purpose", "reporting", "--format", "csv");
        assertThat(counts.exitCode()).as(counts.toString()).isZero();
        assertThat(counts.out()).isEqualTo("orders,transactions,joined\n10000,true,10000\n");
        // The finance pack's models were trained by the demo data scientist and promoted only with a validator.
        // (At this small scale the fraud model sees a few dozen frauds: its figures are in FinanceModelsTest.)
        assertThat(run.out()).containsPattern("card-fraud +v1 +ROC-AUC (\\d\\.\\d{3}|NaN) +PR-AUC .* by "
                + "demo-data-scientist").containsPattern("credit-approval +v1 .*not promoted: .*age_band");
    }

    @Test
    void buildsTheDataProductsWithQuarantineAndQuality() {
        CliRun run = northstar("demo", "--rows", "20000", "--no-server");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path demo = directory.resolve("northstar-data").resolve("demo");
        assertThat(run.out()).contains("in 7 tables and 5 data products")
                .containsPattern("retail\\.order_feed +orders-2026-11-16\\.csv +500 in +\\d+ valid +\\d+ quarantined")
                .containsPattern("retail\\.order_feed +3 runs +1,500 in +1,4\\d\\d valid +\\d\\d quarantined +failing: "
                        + "customer_email_missing \\(incident open\\)")
                .containsPattern("banking\\.card_authorisations +3 runs +1,500 in +1,4\\d\\d valid +\\d\\d quarantined"
                        + " +all checks pass")
                .contains("quarantine show retail.order_feed", "contract lint " + demo.resolve("contracts"));

        Matcher file = Pattern.compile("(\\S+\\.csv) +([\\d,]+) in +([\\d,]+) valid +([\\d,]+) quarantined")
                .matcher(run.out());
        int files = 0;
        while (file.find()) {
            files++;
            long in = Long.parseLong(file.group(2).replace(",", ""));
            long valid = Long.parseLong(file.group(3).replace(",", ""));
            long quarantined = Long.parseLong(file.group(4).replace(",", ""));
            assertThat(in).as(file.group(1)).isEqualTo(valid + quarantined).isEqualTo(500);
            assertThat(quarantined).as(file.group(1)).isPositive();
        }
        assertThat(files).isEqualTo(6);
        CliRun quarantine = northstar("--home", demo.toString(), "quarantine", "list", "retail.order_feed");
        assertThat(quarantine.exitCode()).as(quarantine.toString()).isZero();
        assertThat(quarantine.out().lines().filter(line -> line.contains("quarantined")).count()).isEqualTo(3);
        CliRun reasons = northstar("--home", demo.toString(), "quarantine", "show", "banking.card_authorisations");
        assertThat(reasons.out()).contains("card_authorisations.card_hash.pattern",
                "source.csv.too_many_columns");
        CliRun lint = northstar("--home", demo.toString(), "contract", "lint",
                demo.resolve("contracts").resolve("retail-order-feed.odcs.yaml").toString(),
                demo.resolve("contracts").resolve("banking-card-authorisations.odcs.yaml").toString());
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        CliRun incidents = northstar("--home", demo.toString(), "quality", "incidents");
        assertThat(incidents.out()).contains("customer_email_missing");
    }

    @Test
    void isDeterministicAndRebuildsOnlyItsFolder() throws Exception {
        Path userFile = directory.resolve("northstar-data").resolve("keep.txt");
        Files.createDirectories(userFile.getParent());
        Files.writeString(userFile, "user data");
        String query = "SELECT sum(amount) AS revenue, count(DISTINCT customer_id) AS buyers, "
                + "(SELECT sum(amount) FROM retail.order_feed) AS feed, "
                + "(SELECT count(*) FROM retail.order_feed__quarantine) AS feed_quarantined, "
                + "(SELECT sum(amount) FROM banking.card_authorisations) AS authorised FROM retail.orders";
        Path demo = directory.resolve("northstar-data").resolve("demo");

        assertThat(northstar("demo", "--rows", "5000", "--no-server").exitCode()).isZero();
        // The card authorisations' contract allows reads only for its purposes, administrators' included.
        String first = northstar("--home", demo.toString(), "sql", query, "--format", "csv", "--purpose",
                "fraud-investigation").out();
        assertThat(northstar("demo", "--rows", "5000", "--no-server").exitCode()).isZero();
        String second = northstar("--home", demo.toString(), "sql", query, "--format", "csv", "--purpose",
                "fraud-investigation").out();

        assertThat(second).isEqualTo(first).startsWith("revenue,buyers,feed,feed_quarantined,authorised\n");
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
    void theDemoAnalystSeesWhatItsPoliciesAllow() {
        CliRun run = northstar("demo", "--rows", "5000", "--no-server");
        Path demo = directory.resolve("northstar-data").resolve("demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("access policies demo-analysts-retail, demo-analysts-banking applied by "
                + "demo-steward").containsPattern("analyst +ns_\\S+").contains("sql --as demo-analyst");
        CliRun countries = northstar("--home", demo.toString(), "sql", "SELECT DISTINCT country FROM "
                + "retail.customers", "--as", "demo-analyst", "--format", "csv");
        assertThat(countries.out()).isEqualTo("country\nFR\n");
        CliRun emails = northstar("--home", demo.toString(), "sql", "SELECT email FROM retail.customer_revenue "
                + "LIMIT 3", "--as", "demo-analyst", "--format", "csv");
        assertThat(emails.out().lines().skip(1)).hasSize(3).allMatch(email -> email.matches("[0-9a-f]{64}"));
        CliRun banking = northstar("--home", demo.toString(), "sql", "SELECT account_id FROM banking.accounts",
                "--as", "demo-analyst");
        assertThat(banking.exitCode()).isEqualTo(6);
        assertThat(banking.err()).contains("banking.accounts");
        CliRun investigation = northstar("--home", demo.toString(), "sql", "SELECT account_id FROM banking.accounts"
                + " LIMIT 3", "--as", "demo-analyst", "--purpose", "fraud-investigation", "--format", "csv");
        assertThat(investigation.out().lines().skip(1)).hasSize(3).allMatch(id -> id.matches("\\*+[0-9]{4}"));
        CliRun noPurpose = northstar("--home", demo.toString(), "sql", "SELECT count(*) FROM "
                + "banking.card_authorisations");
        assertThat(noPurpose.exitCode()).isEqualTo(6);
        assertThat(noPurpose.err()).contains("fraud-investigation");
    }

    @Test
    void fraudRateIsAboutFourPerThousand() {
        Path demo = directory.resolve("northstar-data").resolve("demo");
        assertThat(northstar("demo", "--rows", "200000", "--no-server").exitCode()).isZero();

        CliRun run = northstar("--home", demo.toString(), "sql",
                "SELECT round(avg(is_fraud::INT) * 1000) AS per_thousand FROM banking.card_transactions",
                "--purpose", "reporting", "--format", "csv");

        assertThat(run.out()).as(run.toString()).isIn("per_thousand\n3.0\n", "per_thousand\n4.0\n",
                "per_thousand\n5.0\n");
    }
}
