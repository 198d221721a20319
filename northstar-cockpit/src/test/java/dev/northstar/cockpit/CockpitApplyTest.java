package dev.northstar.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.cockpit.portfolio.KnownAssets;
import dev.northstar.cockpit.portfolio.Portfolio;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher: each kind to its handler, every document checked before any is applied. */
class CockpitApplyTest {
    private static final String USE_CASE = """
            apiVersion: northstar/v1
            kind: UseCase
            id: churn-alerts
            title: Churn alerts
            domain: retail
            sector: retail
            lever: optimisation
            sponsor: CMO
            impact: {business_value: 4, strategic_fit: 3}
            feasibility: {data_availability: 3, technical: 3, change: 2}
            """;
    private static final String BUDGET = """
            apiVersion: northstar/v1
            kind: Budget
            name: retail
            """;

    @TempDir
    Path directory;

    /** A second kind, recording what it is given. */
    private static final class RecordingHandler implements CockpitApply.Handler {
        final List<String> applied = new ArrayList<>();
        boolean refuse;

        @Override
        public List<YamlProblem> check(List<CockpitDocument> documents) {
            return refuse ? documents.stream().map(document -> new YamlProblem(document.source(), 3, 1, "name",
                    "Budget name taken", "Rename it")).toList() : List.of();
        }

        @Override
        public CockpitApply.Outcome apply(List<CockpitDocument> documents, String by, boolean dryRun) {
            documents.forEach(document -> applied.add(document.source()));
            return new CockpitApply.Outcome(documents.stream().map(document -> "stored budget (" + document.source()
                    + ")").toList(), List.of(), true);
        }
    }

    @Test
    void dispatchesByKindAndAppliesNothingWhenAnyDocumentHasProblems() {
        try (JdbcMetadataStore metadata = JdbcMetadataStore.open(LakeConfig.embedded(directory.resolve("home")))) {
            Portfolio portfolio = new Portfolio(metadata.database(), KnownAssets.ALL, MeasuredCosts.NONE);
            RecordingHandler budgets = new RecordingHandler();
            CockpitApply apply = CockpitApply.of(portfolio).with("Budget", budgets);
            List<CockpitDocument> documents = List.of(new CockpitDocument("churn.yaml", USE_CASE),
                    new CockpitDocument("budget.yaml", BUDGET));

            assertThat(apply.kinds()).containsExactly("Budget", "UseCase");
            assertThat(apply.handles("UseCase")).isTrue();
            assertThat(apply.handles("DataContract")).isFalse();
            assertThat(CockpitApply.kind(BUDGET)).contains("Budget");
            assertThat(CockpitApply.kind("a: [")).isEmpty();

            budgets.refuse = true;
            assertThatThrownBy(() -> apply.apply(documents, "cdo", false)).isInstanceOfSatisfying(
                    CockpitException.class, e -> assertThat(e.problems()).extracting(YamlProblem::toString)
                            .containsExactly("budget.yaml:3:1: name: Budget name taken (Rename it)"));
            assertThat(portfolio.list()).isEmpty();
            assertThat(budgets.applied).isEmpty();

            budgets.refuse = false;
            CockpitApply.Outcome outcome = apply.apply(documents, "cdo", false);
            assertThat(outcome.lines()).containsExactly("stored budget (budget.yaml)",
                    "stored use case churn-alerts version 1 (churn.yaml)");
            assertThat(outcome.changed()).isTrue();
            assertThat(portfolio.list()).hasSize(1);
            assertThat(new CockpitApply(Map.of("UseCase", portfolio.applyHandler())).apply(
                    List.of(documents.get(0)), "cdo", false).changed()).isFalse();

            assertThat(apply.check(List.of(new CockpitDocument("odcs.yaml", "kind: DataContract\n"))))
                    .extracting(YamlProblem::toString).containsExactly("odcs.yaml:1:1: kind: kind 'DataContract'"
                            + " is not a cockpit kind (Write one of 'kind: Budget', 'kind: UseCase')");
        }
    }
}
