package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code northstar sql} appends to the audit log; {@code audit list} shows it and {@code audit verify} checks it. */
class AuditCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void loadOrders() throws Exception {
        assertThat(northstar("table", "create", "retail.orders", "--column", "order_id!:long", "--column",
                "customer:string").exitCode()).isZero();
        Files.writeString(directory.resolve("orders.csv"), "order_id,customer\n1,alice\n2,bob\n3,carol\n");
        assertThat(northstar("load", "orders.csv", "--table", "retail.orders").exitCode()).isZero();
    }

    private CliRun as(String user, String... args) {
        return CliRun.run(directory, Map.of("USER", user), args);
    }

    @Test
    void sqlReadsAndFailuresAreListed() throws Exception {
        assertThat(as("alice", "sql", "SELECT * FROM retail.orders WHERE order_id < 3").exitCode()).isZero();
        CliRun failed = as("bob", "sql", "SELECT * FROM retail.missing");
        assertThat(failed.exitCode()).isNotZero();

        CliRun list = northstar("audit", "list", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonNode entries = JSON.readTree(list.out()).get("entries");
        assertThat(entries).hasSize(3);
        JsonNode failure = entries.get(0);
        assertThat(failure.get("principal").asText()).isEqualTo("bob");
        assertThat(failure.get("action").asText()).isEqualTo("data.read");
        assertThat(failure.get("decision").asText()).isEqualTo("failed");
        assertThat(failure.get("details").get("error_code").asText()).isEqualTo("TABLE_NOT_FOUND");
        JsonNode read = entries.get(1);
        assertThat(read.get("sequence").asLong()).isEqualTo(2);
        assertThat(read.get("principal").asText()).isEqualTo("alice");
        assertThat(read.get("resources").get(0).asText()).isEqualTo("retail.orders");
        assertThat(read.get("row_count").asLong()).isEqualTo(2);
        assertThat(read.get("details").get("channel").asText()).isEqualTo("cli");
        // The query text is fingerprinted, not kept: the log cannot forget what it holds.
        assertThat(read.get("details").has("sql")).isFalse();
        assertThat(read.get("details").get("sql_sha256").asText()).hasSize(64);
        // The first read through the gateway installed the baseline policy, an audited change.
        JsonNode baseline = entries.get(2);
        assertThat(baseline.get("action").asText()).isEqualTo("policy.change");
        assertThat(baseline.get("resources").get(0).asText()).isEqualTo("policy:platform-baseline");

        CliRun alice = northstar("audit", "list", "--principal", "alice", "--table", "retail.orders");
        assertThat(alice.exitCode()).as(alice.toString()).isZero();
        assertThat(alice.out()).contains("alice").contains("data.read").contains("channel=cli")
                .doesNotContain("bob");
    }

    @Test
    void verifyPrintsTheHeadAndExitsNonZeroOnTampering() throws Exception {
        as("alice", "sql", "SELECT count(*) FROM retail.orders");
        as("alice", "sql", "SELECT * FROM retail.orders");
        as("alice", "sql", "SELECT customer FROM retail.orders");

        CliRun intact = northstar("audit", "verify");
        assertThat(intact.exitCode()).as(intact.toString()).isZero();
        // Entry 1 is the baseline policy, installed by the first read through the gateway.
        assertThat(intact.out()).startsWith("Audit log intact: 4 entries verified")
                .containsPattern("Head \\(keep it to verify with --anchor\\): 4:[0-9a-f]{64}");
        String anchor = JSON.readTree(northstar("audit", "verify", "--json").out()).get("head").asText();

        try (JdbcMetadataStore store = (JdbcMetadataStore) openStore()) {
            store.database().call("tamper", handle -> handle.execute(
                    "UPDATE ns_audit_log SET principal = 'nobody' WHERE sequence = 2"));
        }
        CliRun tampered = northstar("audit", "verify");
        assertThat(tampered.exitCode()).isEqualTo(ErrorCode.INVALID_DATA.exitCode());
        assertThat(tampered.out()).startsWith("Audit log TAMPERED at entry 2 (edited): entry 2 was altered");

        try (JdbcMetadataStore store = (JdbcMetadataStore) openStore()) {
            store.database().call("tamper", handle -> handle.execute(
                    "UPDATE ns_audit_log SET principal = 'alice' WHERE sequence = 2"));
            store.database().call("tamper", handle -> handle.execute(
                    "DELETE FROM ns_audit_log WHERE sequence = 4"));
        }
        assertThat(northstar("audit", "verify").exitCode()).as("links alone cannot see a cut tail").isZero();
        CliRun truncated = northstar("audit", "verify", "--anchor", anchor);
        assertThat(truncated.exitCode()).isEqualTo(ErrorCode.INVALID_DATA.exitCode());
        assertThat(truncated.out()).contains("TAMPERED at entry 4 (anchor mismatch)").contains("truncated");
    }

    @Test
    void tokenCreationAndRevocationAreAudited() throws Exception {
        CliRun created = as("root", "token", "create", "--principal", "ivy", "--role", "auditor", "--ttl", "1d");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String secret = created.outLines().get(2);
        String id = created.outLines().get(0).split(" ")[2];
        assertThat(as("root", "token", "revoke", id).exitCode()).isZero();

        CliRun list = northstar("audit", "list", "--principal", "root", "--json");
        JsonNode entries = JSON.readTree(list.out()).get("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("token.revoke");
        assertThat(entries.get(0).get("details").get("token_id").asText()).isEqualTo(id);
        JsonNode create = entries.get(1);
        assertThat(create.get("action").asText()).isEqualTo("token.create");
        assertThat(create.get("details").get("subject").asText()).isEqualTo("ivy");
        assertThat(create.get("details").get("roles").asText()).isEqualTo("auditor");
        assertThat(list.out()).doesNotContain(secret);
    }

    @Test
    void aMalformedAnchorIsAUsageError() {
        CliRun run = northstar("audit", "verify", "--anchor", "abc");

        assertThat(run.exitCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT.exitCode());
        assertThat(run.err()).contains("The anchor 'abc' is not valid");
    }
}
