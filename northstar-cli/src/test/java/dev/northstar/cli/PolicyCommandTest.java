package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void customers() throws Exception {
        Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("customers.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: retail-customers
                name: Customers
                version: 1.0.0
                status: active
                domain: retail
                dataProduct: customer-360
                customProperties:
                  - property: northstar.purposes
                    value: [marketing, reporting]
                team:
                  name: crm-team
                  members:
                    - username: carol
                schema:
                  - name: customers
                    properties:
                      - name: customer_id
                        logicalType: integer
                        physicalType: long
                      - name: email
                        logicalType: string
                        classification: pii
                      - name: region
                        logicalType: string
                """);
        LakeConfig config = LakeConfig.embedded(directory.resolve("northstar-data"));
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            new ProductRegistry(store.database(), lake).apply(contracts);
            lake.write(TableId.parse("retail.customers"), RowSource.sql("SELECT range AS customer_id,"
                    + " 'c' || range || '@example.com' AS email, 'EU' AS region FROM range(3)"), WriteOptions.append());
        }
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("marketing.yaml"), """
                kind: AccessPolicy
                name: marketing
                description: Marketing reads customers for campaigns, e-mails redacted, own region
                rules:
                  - effect: allow
                    subjects: {roles: [marketing]}
                    resources: {products: [customer-360]}
                    purposes: [marketing]
                  - effect: mask
                    subjects: {roles: [marketing]}
                    resources: {classifications: [pii]}
                    mask: redact
                  - effect: filter
                    subjects: {roles: [marketing]}
                    resources: {domains: [retail]}
                    filter: region = ${subject.region}
                """);
    }

    @Test
    void applyListShowAndSimulate() throws Exception {
        CliRun apply = northstar("policy", "apply", "policies", "--by", "sofia");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("Applied marketing version 1");
        assertThat(northstar("policy", "apply", "policies").out()).contains("Unchanged marketing version 1");

        JsonNode list = JSON.readTree(northstar("policy", "list", "--json").out());
        assertThat(list.get(0).path("name").asText()).isEqualTo("marketing");
        assertThat(list.get(0).path("updatedBy").asText()).isEqualTo("sofia");
        assertThat(northstar("policy", "show", "marketing").out()).contains("v1 applied by sofia")
                .contains("filter: region = ${subject.region}");

        CliRun simulate = northstar("policy", "simulate", "--principal", "mark", "--role", "marketing", "--attr",
                "region=EU", "--purpose", "marketing", "retail.customers");
        assertThat(simulate.exitCode()).as(simulate.toString()).isZero();
        assertThat(simulate.out()).contains("mark (marketing) reading retail.customers for marketing: ALLOWED")
                .containsPattern("email[ |]+masked[ |]+redact[ |]+mask: marketing#2")
                .contains("Rows: only where region = 'EU'");

        JsonNode json = JSON.readTree(northstar("policy", "simulate", "--principal", "mark", "--role", "marketing",
                "--attr", "region=EU", "--purpose", "reporting", "retail.customers", "--json").out());
        assertThat(json.path("allowed").asBoolean()).isFalse();
        assertThat(json.path("reasons").get(0).asText()).contains("default deny");
    }

    @Test
    void invalidPoliciesFailWithTheirPositionAndStoreNothing() throws Exception {
        Files.writeString(directory.resolve("policies").resolve("bad.yaml"), """
                kind: AccessPolicy
                name: bad
                rules:
                  - effect: allow
                    resources: {tables: [retail.customers]}
                  - effect: mask
                    resources: {columns: [email]}
                    mask: {kind: partial, keep: many}
                """);

        CliRun lint = northstar("policy", "lint", "policies");
        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.out()).contains("bad.yaml:8:27: rules[1].mask.keep")
                .contains("1 problem(s) in 2 policy file(s)");
        assertThat(northstar("policy", "lint", "policies/marketing.yaml").out()).contains("1 policy file(s) valid");

        CliRun run = northstar("policy", "apply", "policies");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml:8:27: rules[1].mask.keep: 'keep' must be a positive integer");
        assertThat(northstar("policy", "list", "--json").out().trim()).isEqualTo("[]");
    }

    @Test
    void accessRequestsAreApprovedByTheOwnerAndGrantAccess() throws Exception {
        CliRun request = northstar("policy", "request", "retail.customers", "--principal", "dave", "--purpose",
                "reporting", "--justification", "Churn report", "--for", "8h", "--json");
        assertThat(request.exitCode()).as(request.toString()).isZero();
        String id = JSON.readTree(request.out()).path("id").asText();

        CliRun stranger = northstar("policy", "approve", id, "--by", "mallory");
        assertThat(stranger.exitCode()).isEqualTo(6);
        assertThat(stranger.err()).contains("mallory does not own retail.customers").contains("carol");

        CliRun approve = northstar("policy", "approve", id, "--by", "carol", "--note", "ok");
        assertThat(approve.exitCode()).as(approve.toString()).isZero();
        assertThat(approve.out()).contains("Approved " + id).contains("the grant expires at");
        assertThat(northstar("policy", "requests", "--status", "approved").out()).contains(id).contains("carol");

        JsonNode json = JSON.readTree(northstar("policy", "simulate", "--principal", "dave", "--purpose",
                "reporting", "retail.customers", "--json").out());
        assertThat(json.path("allowed").asBoolean()).isTrue();
        assertThat(json.path("reasons").get(0).asText()).contains(id).contains("approved by carol");
    }
}
