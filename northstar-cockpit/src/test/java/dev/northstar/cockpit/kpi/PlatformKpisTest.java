package dev.northstar.cockpit.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.PriceModels;
import dev.northstar.cockpit.finops.TelemetryPlatform;
import dev.northstar.cockpit.finops.UseCaseLinks;
import dev.northstar.govern.audit.AuditedPrivacy;
import dev.northstar.govern.privacy.PrivacyRequest;
import dev.northstar.govern.privacy.SubjectRequests;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelSpecParser;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingSource;
import dev.northstar.quality.Incident;
import dev.northstar.quality.IncidentStore;
import dev.northstar.quality.Severity;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDO's KPIs on a real platform: two principals read through the governed gateway, data-subject requests are
 * answered, a model is trained, approved and promoted; every KPI has its exact value, and they move when people use
 * the platform.
 */
class PlatformKpisTest {
    private static final TableId CREDIT = TableId.parse("credit.applications");
    private static final String MODEL = """
            kind: Model
            name: credit-default
            task: binary_classification
            training:
              table: credit.applications
              features: [income, debt_ratio]
              label: defaulted
              timestamp: applied_at
              split:
                validation_fraction: 0.25
            params:
              max_depth: 3
              eta: 0.3
              rounds: 20
              seed: 7
            protected_attributes: [gender]
            gates:
              roc_auc_min: 0.7
            """;

    @TempDir
    Path directory;

    private TelemetryPlatform platform;
    private PlatformKpis kpis;

    @BeforeEach
    void open() throws Exception {
        platform = new TelemetryPlatform(directory, Instant.now().truncatedTo(ChronoUnit.MILLIS)).loaded();
        CostAttribution costs = new CostAttribution(platform.lake, platform.store.database(),
                new PriceModels(platform.store.database(), platform.clock), UseCaseLinks.NONE);
        kpis = new PlatformKpis(platform.lake, platform.store, costs, platform.clock, PlatformKpis.Settings.DEFAULTS);
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private Kpi kpi(String id) {
        return kpis.find(id).orElseThrow(() -> new AssertionError("no KPI " + id));
    }

    private double value(String id) {
        return kpi(id).value().orElseThrow(() -> new AssertionError(id + " not measured: " + kpi(id).notMeasured()));
    }

    @Test
    void adoptionMovesWhenPeopleReadData() {
        assertThat(value("adoption.active_users")).isZero();
        assertThat(value("adoption.queries_per_day")).isZero();

        platform.read(TelemetryPlatform.analyst("ada"), "SELECT count(*) FROM retail.customers");
        platform.read(TelemetryPlatform.analyst("ada"), "SELECT city, count(*) FROM retail.customers GROUP BY city");
        platform.read(TelemetryPlatform.analyst("bob"), "SELECT sum(amount) FROM finance.ledger");
        assertThat(value("adoption.active_users")).isEqualTo(2);
        assertThat(value("adoption.queries_per_day")).isEqualTo(3 / 30.0);
        Kpi users = kpi("adoption.active_users");
        assertThat(users.trend()).hasSize(12);
        assertThat(users.trend().get(11).value()).isEqualTo(2);
        assertThat(users.trend().get(10).value()).isZero();
        assertThat(users.evidence()).isEqualTo("/console/audit");

        // A third person; a refused read counts too (someone tried to use the platform).
        try {
            platform.read(new Principal("carol", Set.of(), Map.of()),
                    "SELECT * FROM finance.ledger");
        } catch (NorthstarException expected) {
            assertThat(expected.code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
        assertThat(value("adoption.active_users")).isEqualTo(3);
        assertThat(value("adoption.queries_per_day")).isEqualTo(4 / 30.0);

        // Economics follows the same reads: three answered queries share the period's cost.
        assertThat(value("economics.cost_per_query")).isCloseTo(value("economics.total_cost") / 3, within(1e-15));
        // Cost per GB: the 30-day period's cost (already a month) over the bytes every table holds now.
        double storedGb = platform.lake.tables().stream()
                .mapToDouble(table -> platform.lake.describe(table).totalBytes()).sum() / CostAttribution.GB;
        assertThat(storedGb).isPositive();
        assertThat(value("economics.cost_per_gb_month")).isCloseTo(value("economics.total_cost") / storedGb,
                within(1e-9));

        // 31 days later only the new reader of customers is active, and the unread tables are waste.
        platform.clock.advance(Duration.ofDays(31));
        platform.read(TelemetryPlatform.analyst("dan"), "SELECT count(*) FROM retail.customers");
        assertThat(value("adoption.active_users")).isEqualTo(1);
        assertThat(value("economics.waste_tables")).isEqualTo(1);
        assertThat(kpi("economics.waste_tables").detail()).isEqualTo("finance.ledger");
        assertThat(kpi("economics.waste_tables").status()).isEqualTo(Kpi.Status.OFF_TRACK);
        assertThat(value("economics.waste_cost")).isPositive();
    }

    @Test
    void measuresEveryCategoryExactly() throws Exception {
        Instant start = platform.clock.instant();
        platform.read(TelemetryPlatform.analyst("ada"), "SELECT count(*) FROM retail.customers");

        // Data-subject requests: answered in 5 h and 1 h; a third still open.
        SubjectRequests privacy = new SubjectRequests(platform.lake, platform.store.database(), Optional.empty(),
                AuditedPrivacy.of(platform.audit), platform.clock);
        PrivacyRequest first = privacy.receive(PrivacyRequest.Kind.ACCESS, "c1@example.org", "dpo");
        platform.clock.advance(Duration.ofHours(5));
        privacy.answerAccess(first.id(), "dpo");
        PrivacyRequest second = privacy.receive(PrivacyRequest.Kind.ACCESS, "c2@example.org", "dpo");
        platform.clock.advance(Duration.ofHours(1));
        privacy.answerAccess(second.id(), "dpo");
        privacy.receive(PrivacyRequest.Kind.ERASE, "c3@example.org", "dpo");

        // One quality incident.
        new IncidentStore(platform.store.database(), platform.clock).raise(TelemetryPlatform.CUSTOMERS,
                "customers.email.not_null", Incident.Kind.CHECK_FAILED, Severity.ERROR, "Missing e-mails", "2 rows");

        // A model trained by ada, approved and promoted by bob.
        platform.lake.createTableAs(CREDIT, """
                SELECT id, TIMESTAMP '2026-01-01 00:00:00' + id * INTERVAL 1 MINUTE AS applied_at,
                       CASE WHEN u3 < 0.3 THEN 'f' ELSE 'm' END AS gender, u1 AS income, u2 AS debt_ratio,
                       (2.0 * u2 - 1.5 * u1 + 0.3 * (u4 - 0.5) > 0.0) AS defaulted
                FROM (SELECT range AS id, (hash(range * 31 + 1) % 1000003) / 1000003.0 AS u1,
                             (hash(range * 31 + 2) % 1000003) / 1000003.0 AS u2,
                             (hash(range * 31 + 3) % 1000003) / 1000003.0 AS u3,
                             (hash(range * 31 + 4) % 1000003) / 1000003.0 AS u4
                      FROM range(0, 2000))
                """, QueryOptions.defaults(), WriteOptions.append());
        ModelRegistry registry = new ModelRegistry(platform.store.database(), platform.audit, platform.clock);
        assertThat(kpi("time_to_value.ingestion_to_production").notMeasured())
                .contains("no model has been promoted to champion yet");
        assertThat(kpi("compliance.fairness_reports").status()).isEqualTo(Kpi.Status.NOT_MEASURED);
        registry.register(Trainer.train(ModelSpecParser.parse(MODEL, "credit.yaml"),
                TrainingSource.unrestricted(platform.lake)), Principal.of("ada", "engineer"));
        registry.approve("credit-default", 1, Principal.of("bob", "validator"), "checked");
        platform.clock.advance(Duration.ofHours(18));
        Instant promoted = platform.clock.instant();
        registry.promote("credit-default", 1, ModelRegistry.CHAMPION, Principal.of("bob", "validator"));

        // Adoption
        assertThat(value("adoption.active_users")).isEqualTo(1);
        assertThat(value("adoption.queries_per_day")).isEqualTo(1 / 30.0);
        assertThat(value("adoption.publishing_domains")).isEqualTo(100.0 / 3);
        assertThat(kpi("adoption.publishing_domains").detail()).contains("1 of 3 domains");

        // Time to value: from the first successful ingestion run to the first champion.
        Instant firstIngestion = platform.store.runs().forTarget(TelemetryPlatform.CUSTOMERS.toString(), 10).stream()
                .filter(run -> run.status().equals(RunRecord.SUCCEEDED)).map(RunRecord::startedAt)
                .min(Comparator.naturalOrder()).orElseThrow();
        assertThat(firstIngestion).isBefore(platform.store.runs().forTarget(TelemetryPlatform.LEDGER.toString(), 10)
                .get(0).startedAt());
        assertThat(value("time_to_value.ingestion_to_production")).isEqualTo(
                (promoted.toEpochMilli() - firstIngestion.toEpochMilli()) / 86_400_000.0);

        // Quality
        assertThat(value("quality.incidents_per_month")).isEqualTo(1);
        assertThat(value("quality.slo_met")).isEqualTo(100);
        assertThat(kpi("quality.slo_met").status()).isEqualTo(Kpi.Status.ON_TRACK);

        // Compliance
        assertThat(value("compliance.gdpr_median_response")).isEqualTo(3);
        assertThat(value("compliance.gdpr_max_response")).isEqualTo(5);
        assertThat(kpi("compliance.gdpr_max_response").status()).isEqualTo(Kpi.Status.ON_TRACK);
        assertThat(value("compliance.gdpr_open_requests")).isEqualTo(1);
        assertThat(value("compliance.audit_chain_verified")).isEqualTo(1);
        long entries = platform.audit.verify().entries();
        assertThat(kpi("compliance.audit_chain_verified").detail()).isEqualTo(entries + " entries checked");
        assertThat(value("compliance.personal_columns_covered")).isEqualTo(50);
        assertThat(kpi("compliance.personal_columns_covered").detail())
                .isEqualTo("1 of 2 personal columns masked or withheld by a policy; uncovered: retail.customers.phone");
        assertThat(kpi("compliance.personal_columns_covered").status()).isEqualTo(Kpi.Status.OFF_TRACK);
        assertThat(value("compliance.fairness_reports")).isEqualTo(100);

        // Economics: every table is younger than the waste delay.
        assertThat(value("economics.waste_tables")).isZero();
        assertThat(value("economics.total_cost")).isPositive();
        assertThat(kpi("economics.total_cost").unit()).isEqualTo("EUR");
        assertThat(kpi("economics.total_cost").trend()).hasSize(12);
        assertThat(start).isBefore(promoted);

        assertThat(kpis.all()).extracting(Kpi::category).containsOnly("adoption", "time_to_value", "quality",
                "economics", "compliance");
        assertThat(kpis.all()).extracting(Kpi::id).doesNotHaveDuplicates();
    }

    @Test
    void whatCannotBeMeasuredSaysWhy() {
        assertThat(kpi("compliance.gdpr_median_response").notMeasured())
                .contains("no data-subject request was answered in the last 30 days");
        assertThat(kpi("economics.cost_per_query").notMeasured()).contains("no query was answered in the period");
        assertThat(kpi("economics.cost_per_query").value()).isEmpty();
        assertThat(kpi("economics.cost_per_query").status()).isEqualTo(Kpi.Status.NOT_MEASURED);
        assertThat(List.of(kpi("compliance.fairness_reports").notMeasured().orElseThrow()))
                .containsExactly("no model is in production (no champion alias)");
    }
}
