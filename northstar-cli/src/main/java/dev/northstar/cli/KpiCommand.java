package dev.northstar.cli;

import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.kpi.BusinessKpi;
import dev.northstar.cockpit.kpi.BusinessKpis;
import dev.northstar.cockpit.kpi.Kpi;
import dev.northstar.cockpit.kpi.PlatformKpis;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar kpi ...}: the CDO's platform KPIs and the use cases' business KPIs. */
@Command(name = "kpi", description = "The CDO's KPIs measured by the platform, and business KPIs of use cases"
        + " (governed SQL tracked against a target).",
        subcommands = {KpiCommand.ListKpis.class, KpiCommand.Business.class, KpiCommand.Evaluate.class,
            KpiCommand.Apply.class})
final class KpiCommand extends CommandGroup {
    KpiCommand() {
        super("Missing command: name one of list, business, evaluate, apply");
    }

    static <T> T withBusinessKpis(NorthstarCommand root, Function<BusinessKpis, T> work) {
        return QualityCommand.withLakeAndStore(root, (Lakehouse lake, JdbcMetadataStore store) -> {
            SqlGateway gateway = SqlGateway.open(lake, store.database(), root.settings(root.initializedHome()));
            Clock clock = Clock.systemUTC();
            return work.apply(new BusinessKpis(store.database(), gateway, store.tokens(),
                    new AuditLog(store.database(), clock), clock));
        });
    }

    static String number(double value) {
        double rounded = Math.rint(value);
        return Math.abs(value - rounded) < 1e-9 && Math.abs(value) < 1e15 ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.2f" : "%.6f", value);
    }

    /** {@code northstar kpi list}. */
    @Command(name = "list", description = "The platform KPIs of the last 30 days (adoption, time to value, quality,"
            + " economics, compliance), with their status and evidence.")
    static final class ListKpis extends GroupSubcommand {
        @Option(names = "--days", paramLabel = "N", description = "The period, in days (default 30).")
        private int days = 30;

        @Option(names = "--waste-days", paramLabel = "N",
                description = "A table unread for this many days is waste (default 30).")
        private int wasteDays = 30;

        @Override
        public Integer call() {
            if (days < 1 || wasteDays < 0) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--days must be at least 1 and --waste-days"
                        + " at least 0", "Give e.g. --days 30 --waste-days 30");
            }
            List<Kpi> kpis = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                Clock clock = Clock.systemUTC();
                CostAttribution costs = ReviewCommand.cockpit(root(), lake, store).costs();
                return new PlatformKpis(lake, store, costs, clock, PlatformKpis.Settings.DEFAULTS
                        .withPeriod(Duration.ofDays(days)).withWasteAfter(Duration.ofDays(wasteDays))).all();
            });
            TextTable table = TextTable.withRightAligned(List.of("KPI", "VALUE", "UNIT", "TARGET", "STATUS",
                    "DETAIL"), 1);
            for (Kpi kpi : kpis) {
                table.add(kpi.id(), kpi.value().map(KpiCommand::number).orElse("-"), kpi.unit(),
                        kpi.target().map(target -> (target.direction() == Kpi.Direction.HIGHER_IS_BETTER ? ">= "
                                : "<= ") + number(target.value())).orElse("-"), kpi.status().label(),
                        kpi.notMeasured().orElse(kpi.detail()));
            }
            table.print(out());
            return 0;
        }
    }

    /** {@code northstar kpi business}. */
    @Command(name = "business", description = "The business KPIs in force with their latest evaluation.")
    static final class Business extends GroupSubcommand {
        @Override
        public Integer call() {
            List<BusinessKpis.Tracked> tracked = withBusinessKpis(root(), BusinessKpis::tracked);
            if (tracked.isEmpty()) {
                out().println("No business KPIs. Apply some with 'northstar kpi apply FILE'.");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("KPI", "USE CASE", "VALUE", "UNIT", "TARGET",
                    "STATUS", "EVALUATED", "RUN AS"), 2);
            for (BusinessKpis.Tracked kpi : tracked) {
                table.add(kpi.kpi().id(), kpi.kpi().useCase(), kpi.latest().flatMap(BusinessKpis.Evaluation::value)
                                .map(KpiCommand::number).orElse("-"), kpi.kpi().unit(),
                        (kpi.kpi().target().direction() == Kpi.Direction.HIGHER_IS_BETTER ? ">= " : "<= ")
                                + number(kpi.kpi().target().value()), kpi.status().label(),
                        kpi.latest().map(evaluation -> evaluation.evaluatedAt().toString()).orElse("never"),
                        kpi.kpi().runAs());
            }
            table.print(out());
            return 0;
        }
    }

    /** {@code northstar kpi evaluate ID}. */
    @Command(name = "evaluate", description = "Evaluate a business KPI now through the governed gateway as its"
            + " run-as principal; the outcome is stored in its history.")
    static final class Evaluate extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The business KPI's id.")
        private String id;

        @Override
        public Integer call() {
            BusinessKpis.Evaluation evaluation = withBusinessKpis(root(), kpis -> kpis.evaluate(id));
            if (evaluation.outcome() == BusinessKpis.Outcome.FAILED) {
                err().println("KPI " + id + " failed: " + evaluation.error().orElse("unknown"));
                err().flush();
                return 1;
            }
            out().println(id + " = " + evaluation.value().map(KpiCommand::number).orElse("NULL") + " ("
                    + evaluation.status().label() + ", as " + evaluation.runAs() + ")");
            evaluation.points().forEach(point -> out().println("  " + point.date() + "  " + number(point.value())));
            out().flush();
            return 0;
        }
    }

    /** {@code northstar kpi apply FILE}. */
    @Command(name = "apply", description = "Validate and store kind: BusinessKpi YAML files.")
    static final class Apply extends CockpitFilesApply {
        Apply() {
            super(java.util.Set.of(BusinessKpi.KIND));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot read " + file + ": " + e.getMessage(),
                    "Give the path of a YAML file");
        }
    }
}
