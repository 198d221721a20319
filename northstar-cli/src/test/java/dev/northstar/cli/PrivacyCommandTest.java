package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.govern.privacy.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The privacy commands on an initialized home: ingestion protects columns, access exports, erase certifies. */
class PrivacyCommandTest extends InitializedHomeTestBase {
    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: crm-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: crm
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: string
                    required: true
                    customProperties:
                      - property: northstar.subjectKey
                        value: true
                  - name: email
                    logicalType: string
                    customProperties:
                      - property: northstar.protect
                        value: pseudonymise
                  - name: city
                    logicalType: string
            """;

    private final ObjectMapper json = new ObjectMapper();
    private Map<String, String> environment;

    @BeforeEach
    void createProduct() throws Exception {
        environment = Map.of("NORTHSTAR_MASTER_KEY", MasterKey.generateBase64(), "USER", "dpo");
        Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("customers.yaml"), CONTRACT);
        assertThat(run("apply", "contracts").exitCode()).isZero();
        Files.writeString(directory.resolve("customers.csv"),
                "customer_id,email,city\nC-1,ann@example.org,Lyon\nC-2,bob@example.org,Lille\n");
        CliRun ingest = run("ingest", "customers.csv", "--product", "crm.customers");
        assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    }

    private CliRun run(String... args) {
        return CliRun.run(directory, environment, args);
    }

    @Test
    void ingestionPseudonymisesAndKeysCanBeListedAndRotated() throws Exception {
        assertThat(csv("SELECT email FROM crm.customers ORDER BY customer_id")).doesNotContain("ann@example.org")
                .contains("p1:");
        CliRun rotate = run("privacy", "keys", "rotate");
        assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).contains("pseudonymise-v2 is the active pseudonymisation key");
        CliRun list = run("privacy", "keys", "list", "--json");
        JsonNode keys = json.readTree(list.out());
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("id").asText()).isEqualTo("pseudonymise-v2");
        assertThat(keys.get(1).get("status").asText()).isEqualTo("RETIRED");
        assertThat(list.out()).doesNotContain(environment.get("NORTHSTAR_MASTER_KEY"));
    }

    @Test
    void withoutAMasterKeyKeysFailWithAHint() {
        CliRun list = CliRun.run(directory, "privacy", "keys", "list");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("No master key is configured").contains("NORTHSTAR_MASTER_KEY");
    }

    @Test
    void accessThenEraseWithACertificate() throws Exception {
        CliRun access = run("privacy", "access", "C-1");
        assertThat(access.exitCode()).as(access.toString()).isZero();
        JsonNode bundle = json.readTree(access.out());
        assertThat(bundle.get("tables").get(0).get("table").asText()).isEqualTo("crm.customers");
        assertThat(bundle.get("tables").get(0).get("rows").get(0).get("city").asText()).isEqualTo("Lyon");

        CliRun erase = run("privacy", "erase", "C-1", "--json");
        assertThat(erase.exitCode()).as(erase.toString()).isZero();
        JsonNode certificate = json.readTree(erase.out());
        assertThat(certificate.get("verified").asBoolean()).isTrue();
        assertThat(certificate.get("erasedBy").asText()).isEqualTo("dpo");
        assertThat(csv("SELECT customer_id FROM crm.customers")).doesNotContain("C-1").contains("C-2");

        CliRun requests = run("privacy", "requests");
        assertThat(requests.out()).contains("access", "erase", "completed", "open 0, overdue 0, completed 2");
        String id = certificate.get("requestId").asText();
        CliRun shown = run("privacy", "certificate", id);
        assertThat(shown.out()).contains("Erasure certificate " + id).contains("crm.customers")
                .contains("verified: yes");
        assertThat(run("privacy", "certificate", "dsr-000000000000").err())
                .contains("No erasure certificate for request dsr-000000000000");
    }
}
