package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: crm-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: crm
            dataProduct: customer-360
            tags: [pii]
            description:
              purpose: Every customer with contact details
            team:
              name: crm-team
              members:
                - username: alice
                  role: owner
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    physicalType: long
                  - name: email
                    logicalType: string
                    classification: restricted
            """;

    @BeforeEach
    void createCatalog() throws Exception {
        Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("customers.yaml"), CONTRACT);
        CliRun apply = northstar("apply", "contracts");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(directory.resolve("northstar-data")))) {
            lake.write(TableId.parse("crm.customers"), RowSource.sql("SELECT range AS customer_id,"
                    + " 'c' || range || '@example.com' AS email FROM range(3)"), WriteOptions.append());
            lake.createTable(TableId.parse("finance.invoices"), TableDefinition.of(TableSchema.of(
                    Column.parse("invoice_id:long"), Column.parse("customer_id:long"))));
        }
    }

    private CliRun ok(String... args) {
        CliRun run = CliRun.run(directory, Map.of("USER", "bob"), args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void searchPrintsRankedHitsWithSnippetsAndFacets() throws Exception {
        CliRun run = ok("catalog", "search", "customer");

        // A header, a rule, then the hits in rank order.
        assertThat(run.outLines().get(2)).contains("crm.customers", "customer-360", "unchecked",
                "name: crm.[customers]");
        assertThat(run.outLines().get(3)).contains("finance.invoices", "columns: invoice_id · [customer]_id");
        assertThat(run.out()).contains("2 results", "domain: crm (1), finance (1)", "classification: restricted (1)");

        JsonNode json = JSON.readTree(ok("catalog", "search", "customer", "--domain", "finance", "--json").out());
        assertThat(json.get("total").asInt()).isEqualTo(1);
        assertThat(json.get("hits").get(0).get("table").asText()).isEqualTo("finance.invoices");
        assertThat(json.get("facets").get("domain").get("crm").asInt()).isEqualTo(1);

        CliRun typo = ok("catalog", "search", "custmer");
        assertThat(typo.out()).contains("Did you mean: customer?", "Nothing matched exactly");
    }

    @Test
    void showPrintsTheEntryWithUsageFromTheSqlCommand() throws Exception {
        ok("sql", "SELECT count(*) FROM crm.customers");

        CliRun show = ok("catalog", "show", "crm.customers");
        assertThat(show.out()).contains("product:     customer-360 (contract crm-customers 1.0.0, active)",
                "owners:      crm-team, alice", "usage:       1 reads by 1 users");
        assertThat(show.out()).containsPattern("email +\\| string +\\| restricted");

        JsonNode json = JSON.readTree(ok("catalog", "show", "crm.customers", "--json").out());
        assertThat(json.get("usage").get("queries").asInt()).isEqualTo(1);
        assertThat(json.get("columns").get(1).get("classification").asText()).isEqualTo("restricted");

        CliRun missing = CliRun.run(directory, "catalog", "show", "crm.customer");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("crm.customers");
    }

    @Test
    void glossaryTermsAndTagsAreManagedFromTheCommandLine() throws Exception {
        assertThat(ok("catalog", "glossary", "add", "Customer", "--definition", "Someone who bought",
                "--synonym", "client", "--status", "approved").out()).contains("Defined glossary term 'Customer'",
                "owner bob");
        assertThat(CliRun.run(directory, "catalog", "glossary", "add", "customer", "--definition", "x").exitCode())
                .as("already exists").isEqualTo(4);
        ok("catalog", "glossary", "link", "customer", "finance.invoices", "customer_id");
        assertThat(ok("catalog", "glossary", "list").out()).contains("Customer", "approved",
                "finance.invoices.customer_id");
        assertThat(ok("catalog", "search", "client").out()).contains("finance.invoices", "glossary: Customer ([client])");
        JsonNode term = JSON.readTree(ok("catalog", "glossary", "show", "CUSTOMER", "--json").out());
        assertThat(term.get("links").get(0).get("linked_by").asText()).isEqualTo("bob");

        CliRun unknown = CliRun.run(directory, "catalog", "glossary", "link", "Custom", "finance.invoices", "x");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("No glossary term 'Custom'", "Did you mean Customer?");

        ok("catalog", "glossary", "unlink", "Customer", "finance.invoices", "customer_id");
        ok("catalog", "glossary", "remove", "Customer");
        assertThat(ok("catalog", "glossary", "list").out()).contains("No glossary terms yet");

        assertThat(ok("catalog", "tag", "add", "finance.invoices", "Billing").out())
                .contains("steward tags of finance.invoices: billing");
        assertThat(ok("catalog", "search", "--tag", "billing").out()).contains("finance.invoices", "1 result");
        assertThat(CliRun.run(directory, "catalog", "tag", "add", "finance.invoices", "no way").exitCode())
                .isEqualTo(2);
        assertThat(ok("catalog", "tag", "remove", "finance.invoices", "billing").out()).contains("none");
        assertThat(CliRun.run(directory, "catalog").exitCode()).isEqualTo(2);
    }
}
