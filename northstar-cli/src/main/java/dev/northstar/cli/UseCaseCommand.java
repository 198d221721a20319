package dev.northstar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.northstar.cockpit.portfolio.Assessment;
import dev.northstar.cockpit.portfolio.Portfolio;
import dev.northstar.cockpit.portfolio.UseCaseViews;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar usecase ...}: the use-case portfolio, scored, placed and costed. */
@Command(name = "usecase", description = "The use-case portfolio: list it ranked with scores, quadrant, ROI, payback"
        + " and NPV; show one use case; its version history; delete one. Apply use cases with 'northstar apply DIR'.",
        subcommands = {UseCaseCommand.ListUseCases.class, UseCaseCommand.Show.class, UseCaseCommand.History.class,
            UseCaseCommand.Delete.class})
final class UseCaseCommand extends CommandGroup {
    /** The API's JSON style: snake_case names, ISO-8601 times, decimals as plain numbers, absent values as null. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    UseCaseCommand() {
        super("Missing command: name one of list, show, history, delete");
    }

    /** How a subcommand prints. */
    enum Format {
        TABLE, JSON
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T withPortfolio(GroupSubcommand command, Function<Portfolio, T> work) {
        return QualityCommand.withLakeAndStore(command.root(), (lake, store) -> work.apply(
                ReviewCommand.cockpit(command.root(), lake, store).portfolio()));
    }

    private static String amount(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse("-");
    }

    /** {@code northstar usecase list}. */
    @Command(name = "list", description = "The use cases in force, in rank order (impact × feasibility, then ROI):"
            + " scores, quadrant, status and the base scenario's ROI, payback and NPV.")
    static final class ListUseCases extends GroupSubcommand {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default) or json.")
        private Format format;

        @Override
        public Integer call() {
            List<Assessment> all = withPortfolio(this, Portfolio::list);
            if (format == Format.JSON) {
                out().println(json(all.stream().map(UseCaseViews::summary).toList()));
                out().flush();
                return 0;
            }
            if (all.isEmpty()) {
                out().println("No use cases. Apply some with 'northstar apply DIR' (kind: UseCase).");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("RANK", "ID", "DOMAIN", "STATUS", "IMPACT",
                    "FEASIBILITY", "QUADRANT", "ROI", "PAYBACK", "NPV", "CURRENCY"), 0, 4, 5, 7, 8, 9);
            for (Assessment assessment : all) {
                UseCaseViews.UseCaseSummary summary = UseCaseViews.summary(assessment);
                table.add(String.valueOf(summary.rank()), summary.id(), summary.domain(), summary.status(),
                        summary.impactScore().toPlainString(), summary.feasibilityScore().toPlainString(),
                        summary.quadrant(), amount(summary.roi()),
                        summary.paybackMonths().map(months -> months + " mo").orElse(summary.currency().isPresent()
                                ? "never" : "-"),
                        amount(summary.npv()), summary.currency().orElse("-"));
            }
            table.print(out());
            return 0;
        }
    }

    /** {@code northstar usecase show ID}. */
    @Command(name = "show", description = "Everything about one use case: scores, business case per scenario,"
            + " risks, links, dates and history.")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The use case's id.")
        private String id;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default) or json.")
        private Format format;

        @Override
        public Integer call() {
            UseCaseViews.UseCaseDetail detail = withPortfolio(this, portfolio -> UseCaseViews.detail(
                    portfolio.get(id), portfolio.history(id), portfolio.statusHistory(id)));
            if (format == Format.JSON) {
                out().println(json(detail));
                out().flush();
                return 0;
            }
            out().println(detail.id() + ": " + detail.title());
            out().println("  " + detail.domain() + " (" + detail.sector() + "), lever " + detail.lever()
                    + ", sponsor " + detail.sponsor() + (detail.owner().isEmpty() ? "" : ", owner " + detail.owner()));
            out().println("  status " + detail.status() + ", version " + detail.version() + ", rank "
                    + detail.rank());
            out().println("  impact " + detail.impactScore().toPlainString() + ", feasibility "
                    + detail.feasibilityScore().toPlainString() + " -> " + detail.quadrant() + " ("
                    + detail.horizon() + ")");
            detail.timeToValue().ideaToMvpDays().ifPresent(days -> out().println("  idea -> MVP: " + days
                    + " days"));
            detail.timeToValue().ideaToProductionDays().ifPresent(days -> out().println("  idea -> production: "
                    + days + " days"));
            if (!detail.dependencies().isEmpty()) {
                out().println("  depends on " + String.join(", ", detail.dependencies()));
            }
            detail.businessCase().ifPresent(businessCase -> {
                out().println();
                TextTable table = TextTable.withRightAligned(List.of("SCENARIO", "BENEFITS/YR", "COSTS/YR",
                        "ONE-OFF", "ROI", "PAYBACK", "NPV"), 1, 2, 3, 4, 5, 6);
                businessCase.scenarios().forEach((name, figures) -> table.add(name,
                        figures.annualBenefits().toPlainString(), figures.annualCosts().toPlainString(),
                        figures.oneOffCosts().toPlainString(), amount(figures.roi()),
                        figures.paybackMonths().map(months -> months + " mo").orElse("never"),
                        figures.npv().toPlainString()));
                out().println("Business case (" + businessCase.currency() + ", " + businessCase.horizonYears()
                        + " years from " + businessCase.start() + ", discount rate "
                        + businessCase.discountRate().toPlainString() + "):");
                table.print(out());
                businessCase.lines().stream().filter(line -> line.source().equals("measured")).forEach(line ->
                        out().println("  " + line.name() + " measured from " + String.join(", ",
                                line.measuredAssets())));
            });
            if (!detail.risks().isEmpty()) {
                out().println();
                TextTable risks = TextTable.withRightAligned(List.of("RISK", "LIKELIHOOD", "SEVERITY", "CRITICALITY",
                        "BAND", "DESCRIPTION"), 1, 2, 3);
                detail.risks().forEach(risk -> risks.add(risk.category(), String.valueOf(risk.likelihood()),
                        String.valueOf(risk.severity()), String.valueOf(risk.criticality()), risk.band(),
                        risk.description()));
                risks.print(out());
            }
            out().flush();
            return 0;
        }
    }

    /** {@code northstar usecase history ID}. */
    @Command(name = "history", description = "Every version of a use case: who applied it when, with its status.")
    static final class History extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The use case's id.")
        private String id;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default) or json.")
        private Format format;

        @Override
        public Integer call() {
            List<Portfolio.Version> versions = withPortfolio(this, portfolio -> portfolio.history(id));
            if (format == Format.JSON) {
                out().println(json(versions.stream().map(version -> new UseCaseViews.UseCaseVersion(version.version(),
                        version.status().text(), version.deleted(), version.source(), version.appliedBy(),
                        version.appliedAt())).toList()));
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("VERSION", "STATUS", "CHANGE", "BY", "AT",
                    "SOURCE"), 0);
            versions.forEach(version -> table.add(String.valueOf(version.version()), version.status().text(),
                    version.deleted() ? "deleted" : "applied", version.appliedBy(), version.appliedAt().toString(),
                    version.source()));
            table.print(out(), "No use case " + id + " was ever applied.");
            return 0;
        }
    }

    /** {@code northstar usecase delete ID}. */
    @Command(name = "delete", description = "Delete a use case from the portfolio (its history is kept).")
    static final class Delete extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The use case's id.")
        private String id;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            Portfolio.Version deleted = withPortfolio(this, portfolio -> portfolio.delete(id, who));
            out().println("deleted use case " + id + " (version " + deleted.version() + ")");
            out().flush();
            return 0;
        }
    }
}
