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
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code northstar classify ...} on a real table of the data directory. */
class ClassifyCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void createPatients() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(directory.resolve("northstar-data")))) {
            TableId patients = TableId.parse("care.patients");
            lake.createTable(patients, TableDefinition.of(TableSchema.of(Column.parse("id:long"),
                    Column.parse("email:string"), Column.parse("nir:string"), Column.parse("diagnosis:string"),
                    Column.parse("ward:string"))));
            lake.write(patients, RowSource.sql("SELECT range AS id, 'p' || range || '@hopital.fr' AS email,"
                    + " ['185057800608491', '2 90 02 2A 004 123 04'][range % 2 + 1] AS nir,"
                    + " ['E11.9', 'J45', 'I10'][range % 3 + 1] AS diagnosis, 'B' || range AS ward FROM range(8)"),
                    WriteOptions.append());
        }
    }

    @Test
    void scanListReviewAndShow() throws IOException {
        CliRun scan = northstar("classify", "scan", "care.patients", "--sample", "6", "--by", "alice");
        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(scan.outLines().get(0)).isEqualTo("Scanned 6 rows of care.patients: 3 new, 0 updated,"
                + " 0 reopened, 0 still rejected, 0 removed");
        assertThat(scan.out()).contains("pii.national_id", "phi.diagnosis_code", "pii.email")
                .doesNotContain("185057800608491", "p1@hopital.fr");

        CliRun listed = northstar("classify", "list", "--status", "pending", "--table", "care.patients", "--json");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        JsonNode suggestions = JSON.readTree(listed.out());
        assertThat(suggestions).hasSize(3);
        String nir = null;
        String email = null;
        for (JsonNode suggestion : suggestions) {
            if (suggestion.get("classId").asText().equals("pii.national_id")) {
                nir = suggestion.get("id").asText();
                assertThat(suggestion.get("level").asText()).isEqualTo("HIGH");
                assertThat(suggestion.get("evidence").get("matched").asInt()).isEqualTo(6);
            } else if (suggestion.get("classId").asText().equals("pii.email")) {
                email = suggestion.get("id").asText();
            }
        }

        CliRun accept = northstar("classify", "accept", nir, "--note", "NIR checked", "--by", "bob");
        assertThat(accept.exitCode()).as(accept.toString()).isZero();
        assertThat(accept.out()).isEqualTo("Accepted pii.national_id on care.patients.nir (" + nir + ")\n");
        CliRun reject = northstar("classify", "reject", email, "--by", "bob", "--json");
        assertThat(reject.exitCode()).as(reject.toString()).isZero();
        assertThat(JSON.readTree(reject.out()).get("status").asText()).isEqualTo("rejected");
        CliRun twice = northstar("classify", "reject", email, "--by", "bob");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("was already rejected by bob");

        CliRun show = northstar("classify", "show", "care.patients");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("care.patients (no contract), last scanned")
                .containsPattern("nir[ |]+pii.national_id \\(accepted\\)[ |]+-")
                .containsPattern("diagnosis[ |]+-[ |]+1")
                .containsPattern("email[ |]+-[ |]+-");
        JsonNode shown = JSON.readTree(northstar("classify", "show", "care.patients", "--json").out());
        assertThat(shown.get("columns").get(2).get("classes").get(0).get("classId").asText())
                .isEqualTo("pii.national_id");
        assertThat(shown.get("columns").get(2).get("personal").asBoolean()).isTrue();
    }

    @Test
    void mistakesExitWithTheirCode() {
        CliRun status = northstar("classify", "list", "--status", "maybe");
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).contains("Unknown suggestion status 'maybe'", "Use pending, accepted or rejected");
        CliRun table = northstar("classify", "scan", "care.patient");
        assertThat(table.exitCode()).isEqualTo(3);
        CliRun missing = northstar("classify", "accept", "cls-000000000000");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("No classification suggestion with id 'cls-000000000000'");
        CliRun sample = northstar("classify", "scan", "care.patients", "--sample", "0");
        assertThat(sample.exitCode()).isEqualTo(2);
    }
}
