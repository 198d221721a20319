package dev.northstar.cli;

import dev.northstar.features.FeatureValues;
import dev.northstar.features.FeatureView;
import dev.northstar.features.FeatureViewStore;
import dev.northstar.features.InMemoryOnlineStore;
import dev.northstar.features.OfflineFeatures;
import dev.northstar.features.OnlineFeatures;
import dev.northstar.features.Spine;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.GovernedTable;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar features ...}: feature views, their online values and point-in-time training sets. */
@Command(name = "features", description = "Feature views: apply and list them, read a value as of a time,"
        + " materialise a view, build a point-in-time training set through the governed gateway.",
        subcommands = {FeaturesCommand.Apply.class, FeaturesCommand.ListViews.class, FeaturesCommand.Show.class,
            FeaturesCommand.Get.class, FeaturesCommand.Materialise.class, FeaturesCommand.TrainingSet.class})
final class FeaturesCommand extends CommandGroup {
    FeaturesCommand() {
        super("Missing command: name one of apply, list, show, get, materialise, training-set");
    }

    /** {@code northstar features apply FILE|DIR}. */
    @Command(name = "apply", description = "Validate and store kind: FeatureView YAML files (a file or a folder);"
            + " nothing is stored when any is invalid.")
    static final class Apply extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A feature view file or a folder of them.")
        private Path path;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            List<FeatureViewStore.Applied> applied = QualityCommand.withDatabase(root(), store ->
                    new FeatureViewStore(store.database()).apply(root().environment().resolve(path), who));
            for (FeatureViewStore.Applied view : applied) {
                out().println((view.changed() ? "Applied " : "Unchanged ") + view.name() + " version "
                        + view.version());
            }
            out().flush();
            return 0;
        }
    }

    /** {@code northstar features list}. */
    @Command(name = "list", description = "List the feature views in force.")
    static final class ListViews extends GroupSubcommand {
        @Override
        public Integer call() {
            List<FeatureViewStore.StoredView> views = QualityCommand.withDatabase(root(),
                    store -> new FeatureViewStore(store.database()).list());
            if (views.isEmpty()) {
                out().println("No feature views. Apply some with 'northstar features apply DIR'.");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("NAME", "VERSION", "ENTITIES", "SOURCE", "STREAM",
                    "FEATURES", "TTL"), 1, 5);
            for (FeatureViewStore.StoredView stored : views) {
                FeatureView view = stored.view();
                table.add(view.name(), String.valueOf(stored.version()), String.join(", ", view.entities()),
                        view.source().toString(), view.stream().orElse("-"),
                        String.valueOf(view.features().size()), ttl(view.ttl()));
            }
            table.print(out());
            return 0;
        }
    }

    private static String ttl(Duration ttl) {
        return ttl.toDays() > 0 && ttl.equals(Duration.ofDays(ttl.toDays())) ? ttl.toDays() + "d"
                : ttl.toHours() > 0 && ttl.equals(Duration.ofHours(ttl.toHours())) ? ttl.toHours() + "h"
                : ttl.toMinutes() + "m";
    }

    /** {@code northstar features show VIEW}. */
    @Command(name = "show", description = "Show a feature view's YAML and who applied it.")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "VIEW", description = "The view's name.")
        private String name;

        @Override
        public Integer call() {
            FeatureViewStore.StoredView stored = QualityCommand.withDatabase(root(),
                    store -> new FeatureViewStore(store.database()).get(name));
            out().println("# " + stored.view().name() + " version " + stored.version() + ", applied by "
                    + stored.appliedBy() + " at " + stored.appliedAt());
            out().print(stored.yaml());
            out().flush();
            return 0;
        }
    }

    /** {@code northstar features get VIEW KEY... [--at TIME]}. */
    @Command(name = "get", description = "The feature values of one entity as of a time (default now), computed from"
            + " the view's source table exactly as the online store serves them.")
    static final class Get extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "VIEW", description = "The view's name.")
        private String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY",
                description = "The entity key, one value per entity column.")
        private List<String> key;

        @Option(names = "--at", paramLabel = "TIME", description = "As of this instant (ISO-8601; default now).")
        private Instant at;

        @Override
        public Integer call() {
            Instant asOf = at == null ? Instant.now() : at;
            FeatureValues values = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                FeatureView view = new FeatureViewStore(store.database()).get(name).view();
                try (InMemoryOnlineStore memory = new InMemoryOnlineStore();
                        OnlineFeatures online = new OnlineFeatures(lake, memory, Clock.fixed(asOf, ZoneOffset.UTC),
                                Duration.ZERO)) {
                    online.register(view);
                    online.load(view.name());
                    return online.get(view.name(), key, asOf);
                }
            });
            PrintWriter out = out();
            out.println(values.view() + " " + String.join(", ", values.entity()) + " as of " + values.asOf()
                    + (values.present() ? "" : " (no event within the view's ttl: empty-window values)"));
            TextTable table = TextTable.withRightAligned(List.of("FEATURE", "VALUE"), 1);
            values.values().forEach((feature, value) -> table.add(feature, String.valueOf(value)));
            table.print(out);
            return 0;
        }
    }

    /** {@code northstar features materialise VIEW}. */
    @Command(name = "materialise", description = "Write every source event's feature values to features.<view>"
            + " (replaced each time).")
    static final class Materialise extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "VIEW", description = "The view's name.")
        private String name;

        @Override
        public Integer call() {
            TableFromQuery written = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                FeatureView view = new FeatureViewStore(store.database()).get(name).view();
                SqlGateway gateway = SqlGateway.open(lake, store.database(), root().settings(root()
                        .initializedHome()));
                return new OfflineFeatures(lake, gateway).materialise(view, WriteOptions.append());
            });
            out().println("Materialised " + written.table().id() + ": " + written.write().rows() + " rows");
            out().flush();
            return 0;
        }
    }

    /** {@code northstar features training-set --spine SQL --timestamp COL --views A,B --into DOMAIN.TABLE}. */
    @Command(name = "training-set", description = "Build a point-in-time-correct training set: each spine row gets"
            + " every view's features as of its time (events strictly before it), read through the governed gateway"
            + " and written to a table of your own domain.")
    static final class TrainingSet extends GroupSubcommand {
        @Option(names = "--spine", required = true, paramLabel = "SQL|TABLE",
                description = "A query or a domain.table: entity keys, a timestamp, labels and other columns.")
        private String spine;

        @Option(names = "--timestamp", required = true, paramLabel = "COLUMN",
                description = "The spine's time column.")
        private String timestamp;

        @Option(names = "--views", required = true, split = ",", paramLabel = "VIEW[,VIEW...]",
                description = "The feature views to join.")
        private List<String> views;

        @Option(names = "--into", required = true, paramLabel = "DOMAIN.TABLE", description = "The table to create.")
        private String into;

        @Mixin
        private SqlCommand.Acting acting;

        @Override
        public Integer call() {
            TableId target = TableId.parse(into);
            GovernedTable written = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                SqlCommand.Reader reader = acting.reader(root(), lake, store, Optional.of(target));
                FeatureViewStore stored = new FeatureViewStore(store.database());
                List<FeatureView> chosen = new ArrayList<>();
                for (String view : views) {
                    chosen.add(stored.get(view.trim()).view());
                }
                SqlGateway gateway = SqlGateway.open(lake, store.database(), root().settings(root()
                        .initializedHome()));
                Spine rows = spine.trim().matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*")
                        ? Spine.table(TableId.parse(spine.trim()), timestamp) : Spine.sql(spine, timestamp);
                OfflineFeatures offline = new OfflineFeatures(lake, gateway);
                AuditLog audit = new AuditLog(store.database());
                String sql = offline.trainingSetSql(reader.principal(), acting.purpose(), rows, chosen);
                try {
                    GovernedTable table = offline.createTrainingSet(reader.principal(), acting.purpose(), rows,
                            chosen, target, WriteOptions.append());
                    audit.append(AuditEvent.governedCreate(reader.principal().name(), reader.channel(),
                            acting.purpose(), sql, table));
                    return table;
                } catch (NorthstarException e) {
                    audit.append(AuditEvent.failedRead(reader.principal().name(), reader.channel(),
                            acting.purpose(), sql, List.of(target.toString()), e));
                    throw e;
                }
            });
            out().println("Created training set " + written.table().table().id() + ": "
                    + written.table().write().rows() + " rows, " + written.table().columns().size() + " columns");
            out().flush();
            return 0;
        }
    }
}
