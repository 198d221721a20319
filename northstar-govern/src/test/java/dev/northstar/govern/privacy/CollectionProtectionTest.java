package dev.northstar.govern.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ContractRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion through a contract that protects columns: the product table never holds them in clear. */
class CollectionProtectionTest {
    private static final TableId PATIENTS = TableId.parse("health.patients");

    @TempDir
    Path home;

    private Lakehouse lake;
    private JdbcMetadataStore store;
    private ProductRegistry registry;
    private Protector protector;

    @BeforeEach
    void open() {
        LakeConfig config = LakeConfig.embedded(home.resolve("data"));
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        registry = new ProductRegistry(store.database(), lake);
        protector = new Protector(new Keystore(store.database(),
                MasterKey.fromBase64(MasterKey.generateBase64(), "test")));
    }

    @AfterEach
    void close() {
        store.close();
        lake.close();
    }

    private IngestResult ingest(String properties, String csv) throws Exception {
        Path contracts = Files.createDirectories(home.resolve("contracts"));
        Files.writeString(contracts.resolve("patients.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: health-patients
                name: patients
                version: 1.0.0
                status: active
                domain: health
                schema:
                  - name: patients
                    properties:
                %s""".formatted(properties.indent(4)));
        registry.apply(contracts);
        Path file = home.resolve("patients.csv");
        Files.writeString(file, csv);
        Ingestion ingestion = new Ingestion(lake, store, IngestSettings.defaults(),
                new CollectionProtection(registry, Optional.of(protector)));
        return ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(), CsvOptions.defaults()),
                ContractRules.of(registry.activeContract(PATIENTS).orElseThrow())));
    }

    @Test
    void pseudonymisesEncryptsDropsAndGeneralisesBeforeWriting() throws Exception {
        ingest("""
                  - name: patient_id
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
                  - name: phone
                    logicalType: string
                    customProperties:
                      - property: northstar.protect
                        value: encrypt
                  - name: birth_date
                    logicalType: string
                    customProperties:
                      - property: northstar.protect
                        value: generalise:year
                  - name: age
                    logicalType: string
                    customProperties:
                      - property: northstar.protect
                        value: generalise:band:10
                  - name: notes
                    logicalType: string
                    customProperties:
                      - property: northstar.protect
                        value: drop
                """, """
                patient_id,email,phone,birth_date,age,notes
                P-1,ann@example.org,+33611111111,1984-03-07,41,allergic to penicillin
                P-2,ann@example.org,+33622222222,1990-12-31,35,
                """);
        List<List<Object>> rows = lake.query("SELECT patient_id, email, phone, birth_date, age, notes"
                + " FROM health.patients ORDER BY patient_id", QueryOptions.defaults()).rows();
        assertThat(rows).hasSize(2);
        List<Object> first = rows.get(0);
        assertThat(first.get(0)).isEqualTo("P-1");
        assertThat((String) first.get(1)).startsWith("p1:").isEqualTo(rows.get(1).get(1))
                .as("deterministic pseudonym: the same e-mail joins").isEqualTo(protector.pseudonymise("ann@example.org"));
        assertThat((String) first.get(2)).startsWith("e1:").doesNotContain("33611111111");
        assertThat(first.subList(3, 6)).containsExactly("1984", "40-49", null);
        assertThat(rows.get(1).subList(3, 5)).containsExactly("1990", "30-39");

        Reidentification reidentification = new Reidentification(protector,
                ReidentificationPolicy.principals(Set.of("dpo")), PrivacyAudit.NONE, Clock.systemUTC());
        assertThat(reidentification.decrypt("dpo", "care", PATIENTS, "phone", "P-1", (String) first.get(2)))
                .isEqualTo("+33611111111");
    }

    @Test
    void aProtectionThatCannotBeStoredFailsTheRunNamingTheColumn() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingest("""
                  - name: patient_id
                    logicalType: string
                  - name: weight
                    logicalType: integer
                    physicalType: int
                    customProperties:
                      - property: northstar.protect
                        value: pseudonymise
                """, "patient_id,weight\nP-1,70\n"))
                .isInstanceOf(NorthstarException.class)
                .hasMessageContaining("Column 'weight' of health.patients is INTEGER");
        assertThat(lake.query("SELECT count(*) FROM health.patients", QueryOptions.defaults()).rows().get(0).get(0))
                .isEqualTo(0L);
    }

    @Test
    void encryptionNeedsASubjectKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingest("""
                  - name: phone
                    logicalType: string
                    customProperties:
                      - property: northstar.protect
                        value: encrypt
                """, "phone\n+33611111111\n"))
                .hasMessageContaining("encrypts column 'phone' of health.patients but no property is the subject key");
    }
}
