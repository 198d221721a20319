package dev.northstar.cockpit.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.lake.store.MetadataDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readiness checklist and 100-day plan evaluated against a real metadata database, built up step by step the way
 * a platform grows, with items flipping from missing to partial to done.
 */
class ReadinessEvaluatorTest {
    private static final long NOW = SampleView.AS_OF.toEpochMilli();
    private static final long DAY = 86_400_000L;

    @TempDir
    Path directory;

    private JdbcMetadataStore store;
    private MetadataDatabase database;
    private ReadinessEvaluator evaluator;

    @BeforeEach
    void open() {
        store = JdbcMetadataStore.open(LakeConfig.embedded(directory.resolve("home")));
        database = store.database();
        evaluator = new ReadinessEvaluator(database, Clock.fixed(SampleView.AS_OF, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static CockpitView emptyView() {
        return new CockpitView(SampleView.AS_OF, YearMonth.of(2026, 11), List.of(), List.of(), List.of(), List.of(),
                List.of(), Readiness.of(List.of()));
    }

    private ReadinessItem item(Readiness readiness, String id) {
        return readiness.items().stream().filter(item -> item.id().equals(id)).findFirst().orElseThrow();
    }

    private void execute(String sql, Object... arguments) {
        database.call("prepare the test", handle -> handle.execute(sql, arguments));
    }

    @Test
    void aNewPlatformIsMissingEverythingAndSaysWhereToStart() {
        Readiness readiness = evaluator.evaluate(emptyView());

        assertThat(readiness.items()).hasSize(12);
        assertThat(readiness.group("checklist")).hasSize(8);
        assertThat(readiness.group("plan")).extracting(ReadinessItem::id)
                .containsExactly("plan.weeks-1-2", "plan.weeks-3-4", "plan.weeks-5-8", "plan.weeks-9-12");
        assertThat(readiness.items()).allMatch(item -> item.status() == ReadinessStatus.MISSING);
        assertThat(readiness.score()).isZero();
        assertThat(readiness.level()).isEqualTo(1);
        assertThat(readiness.levelName()).isEqualTo("Initial");
        assertThat(item(readiness, "checklist.sponsor-okrs").nextStep())
                .contains("kind: UseCase", "northstar apply DIR");
        assertThat(item(readiness, "checklist.sources-mapped").nextStep()).contains("northstar apply contracts/");
        assertThat(item(readiness, "checklist.security-gdpr").links()).extracting(EvidenceLink::path)
                .containsExactly("/console/policies", "/console/privacy", "/console/audit");
    }

    @Test
    void itemsFlipAsThePlatformGrows() {
        // A contract in force: sources partly mapped, platform partly up.
        execute("INSERT INTO ns_contract_versions VALUES ('orders', '1.0.0', 1, 0, 0, 'Orders', 'retail', 'orders', "
                + "'active', 'contracts/orders.yaml', 'kind: DataContract', 'abc', ?, TRUE)", NOW - 40 * DAY);
        execute("INSERT INTO ns_contract_tables VALUES ('orders', '1.0.0', 'retail', 'orders', 'orders')");
        Readiness contracted = evaluator.evaluate(emptyView());
        assertThat(item(contracted, "checklist.sources-mapped").status()).isEqualTo(ReadinessStatus.PARTIAL);
        assertThat(item(contracted, "checklist.sources-mapped").evidence())
                .startsWith("1 contracts in force over 1 tables; 0 tables scanned");
        assertThat(item(contracted, "checklist.sources-mapped").nextStep()).contains("northstar classify scan");
        assertThat(item(contracted, "checklist.platform").status()).isEqualTo(ReadinessStatus.PARTIAL);

        // Scanned, with a suggestion pending, then reviewed.
        execute("INSERT INTO ns_classification_scans VALUES ('retail.orders', ?, 100, NULL, 'steward')", NOW);
        execute("INSERT INTO ns_classification_suggestions (id, table_name, column_name, class_id, confidence, "
                + "evidence, status, scanned_at) VALUES ('cls-1', 'retail.orders', 'email', 'pii.email', 0.98, '{}', "
                + "'PENDING', ?)", NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.sources-mapped").nextStep())
                .isEqualTo("Review the 1 pending classification suggestions");
        execute("UPDATE ns_classification_suggestions SET status = 'ACCEPTED', reviewer = 'steward'");
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.sources-mapped").status())
                .isEqualTo(ReadinessStatus.DONE);

        // Ingestion and lineage: the platform is operational.
        execute("INSERT INTO ns_runs (id, kind, target, status, started_at, finished_at, rows_read, rows_written, "
                + "details) VALUES ('r1', 'ingest', 'retail.orders', 'SUCCEEDED', ?, ?, 10, 10, '{}')", NOW, NOW);
        execute("INSERT INTO ns_lineage_events VALUES ('r1:COMPLETE', 'r1', 'COMPLETE', ?, 'ingest.retail.orders', "
                + "'{}')", NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.platform").status())
                .isEqualTo(ReadinessStatus.DONE);

        // Security and GDPR: a mask, a purpose, an intact audit register.
        execute("INSERT INTO ns_policies VALUES ('analysts', 1, ?, 'x', 'admin', ?)", """
                kind: AccessPolicy
                name: analysts
                rules:
                  - effect: allow
                    subjects: {roles: [analyst]}
                    resources: {domains: [retail]}
                    purposes: [reporting]
                  - effect: mask
                    subjects: {roles: [analyst]}
                    resources: {classifications: [restricted]}
                    mask: keyed_hash
                """, NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.security-gdpr").nextStep())
                .startsWith("Audited reads fill the register");
        AuditLog audit = new AuditLog(database);
        audit.append(AuditEvent.change("admin", "policy.change", List.of("retail.orders"), Map.of("policy",
                "analysts")));
        audit.append(AuditEvent.change("admin", "token.create", List.of(), Map.of("principal", "ada")));
        Readiness secured = evaluator.evaluate(emptyView());
        assertThat(item(secured, "checklist.security-gdpr").status()).isEqualTo(ReadinessStatus.DONE);
        assertThat(item(secured, "checklist.security-gdpr").evidence()).isEqualTo("1 policies mask columns; "
                + "1 restrict to purposes; audit register of 2 entries, chain intact; 0 data-subject requests, "
                + "0 overdue");

        // An overdue data-subject request, then a tampered audit entry: no longer done.
        execute("INSERT INTO ns_privacy_requests (id, kind, subject, status, received_at, deadline_at, requested_by) "
                + "VALUES ('dsr-1', 'ERASE', 'c-1', 'RECEIVED', ?, ?, 'dpo')", NOW - 40 * DAY, NOW - 10 * DAY);
        ReadinessItem overdue = item(evaluator.evaluate(emptyView()), "checklist.security-gdpr");
        assertThat(overdue.status()).isEqualTo(ReadinessStatus.PARTIAL);
        assertThat(overdue.nextStep()).isEqualTo("Answer the 1 overdue data-subject requests");
        execute("UPDATE ns_audit_log SET principal = 'mallory' WHERE sequence = 1");
        ReadinessItem broken = item(evaluator.evaluate(emptyView()), "checklist.security-gdpr");
        assertThat(broken.status()).isEqualTo(ReadinessStatus.PARTIAL);
        assertThat(broken.evidence()).contains("chain BROKEN");
        assertThat(broken.nextStep()).contains("northstar audit verify");

        // MLOps: a registered model, then a champion with its drift reference; A/B with features and a challenger.
        execute("INSERT INTO ns_model_version VALUES ('churn', 1, 'kind: Model', 'ds', ?, '[]', '[]', '{}', "
                + "'{\"attributes\":[{\"attribute\":\"gender\"}],\"gates\":[]}', 1, 'xgboost-json', 'abc')", NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.mlops").status())
                .isEqualTo(ReadinessStatus.PARTIAL);
        execute("INSERT INTO ns_model_alias VALUES ('churn', 'champion', 1, 'lead', ?)", NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.mlops").nextStep()).contains("drift reference");
        execute("INSERT INTO ns_model_artifact VALUES ('churn', 1, 'drift-reference', '[]')");
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.mlops").status()).isEqualTo(ReadinessStatus.DONE);
        execute("INSERT INTO ns_feature_views VALUES ('customer', 1, 'kind: FeatureView', 'x', 'ds', ?)", NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.ab-features").status())
                .isEqualTo(ReadinessStatus.PARTIAL);
        execute("INSERT INTO ns_model_alias VALUES ('churn', 'challenger', 1, 'lead', ?)", NOW);
        assertThat(item(evaluator.evaluate(emptyView()), "checklist.ab-features").status())
                .isEqualTo(ReadinessStatus.DONE);

        PlatformFacts facts = PlatformFacts.read(database, SampleView.AS_OF);
        assertThat(facts.championsWithFairness()).isEqualTo(1);
        assertThat(facts.contractDomains()).isEqualTo(1);
    }

    @Test
    void thePortfolioAndKpisCompleteTheScore() {
        // The sample portfolio (3 use cases, 2 with a business case, 1 quick win), its KPIs, costs and risks, on a
        // platform with nothing in its database.
        Readiness readiness = evaluator.evaluate(SampleView.view(Readiness.of(List.of())));

        assertThat(item(readiness, "checklist.sponsor-okrs").status()).isEqualTo(ReadinessStatus.PARTIAL);
        assertThat(item(readiness, "checklist.prioritised-use-cases").status()).isEqualTo(ReadinessStatus.PARTIAL);
        assertThat(item(readiness, "checklist.prioritised-use-cases").nextStep()).endsWith("to the 1 best");
        assertThat(item(readiness, "checklist.business-kpis").status()).isEqualTo(ReadinessStatus.DONE);
        assertThat(item(readiness, "plan.weeks-3-4").evidence())
                .isEqualTo("a North Star metric is defined; 3 KPIs with a target (5 needed)");
        assertThat(item(readiness, "plan.weeks-5-8").nextStep())
                .isEqualTo("Frame a quick win for each lever still missing: [innovation, optimisation]");
        // done: business KPIs (1); partial: sponsor, prioritised, weeks 1-2 (risks), 3-4, 5-8, 9-12 (costs) = 6 × ½;
        // missing: 5. Score = round(100 × 4 / 12) = 33, level 1 + 33 / 20 = 2.
        assertThat(readiness.count(ReadinessStatus.DONE)).isEqualTo(1);
        assertThat(readiness.count(ReadinessStatus.PARTIAL)).isEqualTo(6);
        assertThat(readiness.score()).isEqualTo(33);
        assertThat(readiness.level()).isEqualTo(2);
        assertThat(readiness.levelName()).isEqualTo("Developing");
    }

    @Test
    void levelsFollowTheDocumentedBands() {
        assertThat(levelOf(0, 0, 10)).isEqualTo("1 Initial 0");
        assertThat(levelOf(2, 0, 8)).isEqualTo("2 Developing 20");
        assertThat(levelOf(4, 1, 5)).isEqualTo("3 Defined 45");
        assertThat(levelOf(6, 1, 3)).isEqualTo("4 Managed 65");
        assertThat(levelOf(8, 0, 2)).isEqualTo("5 Optimised 80");
        assertThat(levelOf(10, 0, 0)).isEqualTo("5 Optimised 100");
    }

    private static String levelOf(int done, int partial, int missing) {
        List<ReadinessItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < done + partial + missing; i++) {
            ReadinessStatus status = i < done ? ReadinessStatus.DONE
                    : i < done + partial ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
            items.add(new ReadinessItem("item-" + i, "checklist", "Item " + i, status, "", List.of(), ""));
        }
        Readiness readiness = Readiness.of(items);
        return readiness.level() + " " + readiness.levelName() + " " + readiness.score();
    }
}
