package dev.northstar.cli;

import dev.northstar.cockpit.finops.Budget;
import dev.northstar.cockpit.finops.Budgets;
import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.PriceModel;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code northstar finops ...}: measured costs by dimension, budgets and the price model. */
@Command(name = "finops", description = "Costs attributed from measured storage, compute and scoring; budgets with"
        + " alerts; the price model.",
        subcommands = {FinopsCommand.Costs.class, FinopsCommand.BudgetList.class, FinopsCommand.Apply.class})
final class FinopsCommand extends CommandGroup {

    FinopsCommand() {
        super("Missing command: name one of costs, budgets, apply");
    }

    /** {@code northstar finops costs --by domain --days 30}. */
    @Command(name = "costs", description = "Costs of the last N days grouped by domain, product, table, model,"
            + " usecase or tag.")
    static final class Costs extends GroupSubcommand {
        @Option(names = "--by", paramLabel = "DIMENSION", description = "domain (default), product, table, model,"
                + " usecase or tag.")
        private String by = "domain";

        @Option(names = "--days", paramLabel = "N", description = "The period, in days (default 30).")
        private int days = 30;

        @Override
        public Integer call() {
            if (days < 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--days must be at least 1",
                        "Give e.g. --days 30");
            }
            CostAttribution.Dimension dimension = CostAttribution.Dimension.parse(by);
            CostAttribution.CostReport report = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                Clock clock = Clock.systemUTC();
                Instant now = clock.instant();
                return ReviewCommand.cockpit(root(), lake, store).costs().report(dimension,
                        now.minus(Duration.ofDays(days)), now);
            });
            TextTable table = TextTable.withRightAligned(List.of(dimension.word().toUpperCase(Locale.ROOT), "STORAGE",
                    "COMPUTE", "SCORING", "TOTAL"), 1, 2, 3, 4);
            report.groups().forEach(group -> table.add(group.key(), money(group.storageCost()),
                    money(group.computeCost()), money(group.scoringCost()), money(group.total())));
            table.print(out());
            out().println("Total " + money(report.total()) + " " + report.currency() + " over " + days
                    + " days (price model " + report.priceModel() + ")");
            out().flush();
            return 0;
        }
    }

    static String money(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** {@code northstar finops budgets}. */
    @Command(name = "budgets", description = "Every budget this month: actual, forecast and alerts (a threshold newly"
            + " crossed raises its alert once).")
    static final class BudgetList extends GroupSubcommand {
        @Override
        public Integer call() {
            List<Budgets.Status> statuses = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                return ReviewCommand.cockpit(root(), lake, store).budgets().evaluate();
            });
            if (statuses.isEmpty()) {
                out().println("No budgets. Apply some with 'northstar finops apply FILE' (kind: Budget).");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("BUDGET", "SCOPE", "AMOUNT", "ACTUAL", "FORECAST",
                    "USED", "ALERTS"), 2, 3, 4, 5);
            for (Budgets.Status status : statuses) {
                Budget budget = status.budget();
                table.add(budget.name(), budget.scope().word() + " " + budget.scopeValue(), money(budget.amount()),
                        money(status.actual()), money(status.forecast()),
                        String.format(Locale.ROOT, "%.1f %%", status.usedPercent()),
                        status.alerts().isEmpty() ? "-" : String.join(", ", status.alerts().stream()
                                .map(alert -> alert.thresholdPercent() + " %").toList()));
            }
            table.print(out());
            for (Budgets.Status status : statuses) {
                for (Budgets.Alert alert : status.raised()) {
                    out().println("ALERT " + alert.budget() + ": " + alert.thresholdPercent() + " % of "
                            + money(alert.amount()) + " " + alert.currency() + " reached in " + alert.month()
                            + (alert.recipients().isEmpty() ? "" : " (notify " + String.join(", ",
                                    alert.recipients()) + ")"));
                }
            }
            out().flush();
            return 0;
        }
    }

    /** {@code northstar finops apply FILE...}. */
    @Command(name = "apply", description = "Validate and store kind: Budget and kind: PriceModel YAML files.")
    static final class Apply extends CockpitFilesApply {
        Apply() {
            super(java.util.Set.of(Budget.KIND, PriceModel.KIND));
        }
    }
}
