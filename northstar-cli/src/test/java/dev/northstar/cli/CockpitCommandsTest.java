package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code northstar kpi}, {@code northstar finops} and {@code northstar notifications}: KPIs listed, a business KPI
 * applied and evaluated, costs, budgets and the notifications their alerts queue.
 */
class CockpitCommandsTest extends InitializedHomeTestBase {
    @BeforeEach
    void createATableAndAReporter() {
        Path home = directory.resolve("northstar-data");
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            lake.createTableAs(TableId.parse("retail.orders"), "SELECT range AS order_id FROM range(3)",
                    QueryOptions.defaults(), WriteOptions.append());
            store.tokens().create(new Principal("reporter", Set.of(), Map.of("domains", "retail")), Optional.empty());
        }
    }

    @Test
    void businessKpiAppliedEvaluatedAndListed() throws Exception {
        CliRun list = northstar("kpi", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("adoption.active_users").contains("compliance.audit_chain_verified")
                .contains("no model is in production");

        Files.writeString(directory.resolve("orders.yaml"), """
                kind: BusinessKpi
                id: orders
                use_case: checkout
                name: Orders
                sql: SELECT count(*) FROM retail.orders
                target: {value: 2, direction: higher}
                run_as: {principal: reporter}
                """);
        CliRun applied = northstar("kpi", "apply", "orders.yaml");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("BusinessKpi orders: created");
        CliRun evaluated = northstar("kpi", "evaluate", "orders");
        assertThat(evaluated.exitCode()).as(evaluated.toString()).isZero();
        assertThat(evaluated.out()).contains("orders = 3 (on track, as reporter)");
        assertThat(northstar("kpi", "business").out()).contains("orders").contains("checkout").contains("on track");

        Files.writeString(directory.resolve("bad.yaml"), "kind: BusinessKpi\nid: Bad\n");
        CliRun bad = northstar("kpi", "apply", "bad.yaml");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("bad.yaml:2:1: id: Invalid id 'Bad'");
    }

    @Test
    void costsAndBudgets() throws Exception {
        Files.writeString(directory.resolve("prices.yaml"), "kind: PriceModel\nname: eu\ncurrency: EUR\n");
        Files.writeString(directory.resolve("budget.yaml"), """
                kind: Budget
                name: retail-monthly
                scope: {domain: retail}
                amount: 1e-18
                notify: [cdo@example.org]
                """);
        CliRun applied = northstar("finops", "apply", "prices.yaml", "budget.yaml");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("PriceModel eu: created").contains("Budget retail-monthly: created");
        CliRun costs = northstar("finops", "costs", "--by", "domain");
        assertThat(costs.exitCode()).as(costs.toString()).isZero();
        assertThat(costs.out()).contains("retail").contains("price model eu");
        CliRun budgets = northstar("finops", "budgets");
        assertThat(budgets.exitCode()).as(budgets.toString()).isZero();
        assertThat(budgets.out()).contains("retail-monthly").contains("ALERT retail-monthly: 100 %")
                .contains("notify cdo@example.org");
        assertThat(northstar("finops", "budgets").out()).doesNotContain("ALERT retail-monthly");

        // Each alert queued a notification; with no SMTP server configured, delivery waits and says what to set.
        CliRun queued = northstar("notifications", "list");
        assertThat(queued.exitCode()).as(queued.toString()).isZero();
        assertThat(queued.out()).contains("pending").contains("cdo@example.org")
                .contains("Budget retail-monthly: 80% reached").contains("Budget retail-monthly: 100% reached");
        CliRun delivered = northstar("notifications", "deliver");
        assertThat(delivered.exitCode()).as(delivered.toString()).isZero();
        assertThat(delivered.out()).contains("Delivered 0, retrying later 2, failed for good 0.");
        assertThat(northstar("notifications", "list", "--status", "pending").out())
                .contains("no SMTP server is configured: set notify.smtp.host");
        assertThat(northstar("notifications", "list", "--status", "delivered").out()).contains("No notifications.");
        CliRun bad = northstar("notifications", "list", "--status", "lost");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--status 'lost' is not a status").contains("pending, delivered or failed");
    }
}
