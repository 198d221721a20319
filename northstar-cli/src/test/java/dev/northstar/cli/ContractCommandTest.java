package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContractCommandTest extends InitializedHomeTestBase {
    static final String ORDERS = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:sales:orders
            version: 1.0.0
            status: active
            domain: sales
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: string
                    required: true
                  - name: amount
                    logicalType: number
                    physicalType: decimal(12,2)
            """;

    private Path write(String name, String yaml) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    @Test
    void lintPrintsOkForACleanFile() throws IOException {
        write("orders.yaml", ORDERS);

        CliRun run = northstar("contract", "lint", "orders.yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(directory.resolve("orders.yaml") + ": ok\n");
    }

    @Test
    void lintPrintsEveryProblemWithItsPositionAndHintAndExitsFive() throws IOException {
        write("good.yaml", ORDERS);
        write("bad.yaml", ORDERS.replace("logicalType: number", "logicalType: numbr")
                .replace("version: 1.0.0", "version: 1.0.0\nowner: ada"));

        CliRun run = northstar("contract", "lint", "good.yaml", "bad.yaml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        Path bad = directory.resolve("bad.yaml");
        assertThat(run.outLines()).containsExactly(
                directory.resolve("good.yaml") + ": ok",
                bad + ":5:1: owner: 'owner' is not a field of an ODCS data contract",
                "    hint: Remove it, or keep it under customProperties",
                bad + ":15:9: schema[0].properties[1].logicalType: logicalType 'numbr' is not an ODCS logical type",
                "    hint: Use one of string, date, timestamp, time, number, integer, object, array, boolean; did you"
                        + " mean 'number'?",
                "2 problems in 1 of 2 files");
    }

    @Test
    void lintOfAMissingFileIsNotFound() {
        CliRun run = northstar("contract", "lint", "missing.yaml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("missing.yaml does not exist");
    }

    @Test
    void diffExitsZeroForCompatibleChanges() throws IOException {
        write("v1.yaml", ORDERS);
        write("v2.yaml", ORDERS.replace("version: 1.0.0", "version: 1.1.0") + "      - name: coupon\n"
                + "        logicalType: string\n");

        CliRun run = northstar("contract", "diff", "v1.yaml", "v2.yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).hasSize(4);
        assertThat(run.outLines().get(0)).contains("impact", "where", "change", "why");
        assertThat(run.outLines().get(2)).contains("compatible", "schema[orders].properties[coupon]",
                "optional column 'coupon' added");
        assertThat(run.outLines().get(3)).isEqualTo("0 breaking, 1 compatible");
    }

    @Test
    void diffExitsFourForBreakingChanges() throws IOException {
        write("v1.yaml", ORDERS);
        write("v2.yaml", ORDERS.replace("decimal(12,2)", "decimal(10,2)"));

        CliRun run = northstar("contract", "diff", "v1.yaml", "v2.yaml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).contains("breaking", "type narrowed from decimal(12,2) to decimal(10,2)",
                "1 breaking, 0 compatible", "it needs a new major version");
    }

    @Test
    void diffOfAnInvalidContractIsAUsageError() throws IOException {
        write("v1.yaml", ORDERS);
        write("v2.yaml", ORDERS.replace("kind: DataContract", "kind: Contract"));

        CliRun run = northstar("contract", "diff", "v1.yaml", "v2.yaml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("v2.yaml:2:1: kind: kind 'Contract' is not a data contract");
    }

    @Test
    void inferPrintsADraftThatLints() throws IOException {
        write("people.csv", "person_id,email,city\n1,a@example.com,Bern\n2,b@example.com,Basel\n");

        CliRun run = northstar("contract", "infer", "people.csv");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("apiVersion: v3.1.0", "status: draft", "name: person_id",
                "classification: pii-candidate");
        write("draft.yaml", run.out());
        assertThat(northstar("contract", "lint", "draft.yaml").exitCode()).isZero();
    }

    @Test
    void inferWritesTheOutputFileButNeverOverwritesItWithoutForce() throws IOException {
        write("people.csv", "person_id,city\n1,Bern\n");

        CliRun first = northstar("contract", "infer", "people.csv", "--output", "people.odcs.yaml");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith("Wrote a draft contract for people to ");
        assertThat(Files.readString(directory.resolve("people.odcs.yaml"))).contains("name: city");

        CliRun second = northstar("contract", "infer", "people.csv", "--output", "people.odcs.yaml");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
        assertThat(second.err()).contains("already exists", "--force");

        assertThat(northstar("contract", "infer", "people.csv", "--output", "people.odcs.yaml", "--force")
                .exitCode()).isZero();
    }

    @Test
    void inferOfAMissingFileSaysTheFileIsMissing() {
        CliRun run = northstar("contract", "infer", "orders.csv");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("orders.csv' does not exist");
    }

    @Test
    void inferProfilesALakeTable() throws IOException {
        write("project/orders.yaml", ORDERS);
        assertThat(northstar("apply", "project").exitCode()).isZero();

        CliRun run = northstar("contract", "infer", "sales.orders");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("id: sales.orders", "domain: sales", "physicalType: \"decimal(12,2)\"");
        // The table is empty, so required comes from the table's own schema.
        assertThat(run.out()).contains("name: order_id\n        logicalType: string\n        physicalType: string\n"
                + "        required: true\n");
    }

    @Test
    void applyCreatesTablesThenReportsNothingToDo() throws IOException {
        write("project/orders.yaml", ORDERS);

        CliRun first = northstar("apply", "project");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path file = directory.resolve("project/orders.yaml");
        assertThat(first.outLines()).containsExactly(
                "created sales.orders (" + file + "): 2 columns",
                "stored urn:sales:orders 1.0.0 (" + file + "): in force for [sales.orders]");
        assertThat(csv("SELECT count(*) AS n FROM sales.orders")).isEqualTo("n\n0\n");

        CliRun second = northstar("apply", "project");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.outLines()).last().isEqualTo("Everything is up to date.");

        write("project/orders.yaml", ORDERS.replace("version: 1.0.0", "version: 1.1.0")
                + "      - name: coupon\n        logicalType: string\n");
        CliRun third = northstar("apply", "project");
        assertThat(third.outLines().get(0)).startsWith("recreated sales.orders");
    }

    @Test
    void applyDryRunPrintsThePlanAndChangesNothing() throws IOException {
        write("project/orders.yaml", ORDERS);

        CliRun run = northstar("apply", "project", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path file = directory.resolve("project/orders.yaml");
        assertThat(run.outLines()).containsExactly(
                "would create sales.orders (" + file + "): 2 columns",
                "would store urn:sales:orders 1.0.0 (" + file + "): in force for [sales.orders]",
                "Dry run: nothing was changed.");
        assertThat(northstar("table", "list").out()).doesNotContain("orders");
    }

    @Test
    void applyPrintsEveryProblemAndAppliesNothing() throws IOException {
        write("project/orders.yaml", ORDERS.replace("domain: sales\n", ""));

        CliRun run = northstar("apply", "project");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains(directory.resolve("project/orders.yaml") + ":1:1: domain: The contract has"
                + " no domain", "    hint: Add e.g. 'domain: sales'", "Nothing applied: 1 problem");
        assertThat(northstar("table", "list").out()).doesNotContain("orders");
    }

    @Test
    void applyRefusesABreakingChangeToALiveProductWithoutANewMajorVersion() throws IOException {
        write("project/orders.yaml", ORDERS);
        assertThat(northstar("apply", "project").exitCode()).isZero();
        write("data.csv", "order_id,amount\nA-1,3.50\n");
        CliRun load = northstar("load", "data.csv", "--table", "sales.orders");
        assertThat(load.exitCode()).as(load.toString()).isZero();
        write("project/orders.yaml", ORDERS.replace("version: 1.0.0", "version: 1.1.0")
                .replace("decimal(12,2)", "decimal(10,2)"));

        CliRun run = northstar("apply", "project");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("makes breaking changes to version 1.0.0", "hint: Breaking changes to a live"
                + " product need a new major version: set 'version: 2.0.0'");
    }
}
