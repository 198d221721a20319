package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.cockpit.kpi.TrendPoint;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.ml.serving.ScoringSettings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Attributes what the platform costs to the assets that cause it, from measured figures only: storage is the bytes of
 * each table's data files over time (Iceberg snapshot summaries, {@code total-files-size}, integrated between
 * commits), compute is the measured wall time of ingestion runs ({@code ns_runs}), governed queries (the audit log's
 * {@code duration_ms}, shared equally among the tables a query read) and model training (the registry's training
 * time), and scoring is the served requests logged in the predictions table. Assets roll up to their data product
 * (the active contract's), domain, steward tags and the use cases linking to them (an asset linked by several use
 * cases is shared equally, so use-case totals add up to the attributed total).
 */
public final class CostAttribution {
    /** Bytes in a GB (the 2^30 of cloud storage bills). */
    public static final double GB = 1024d * 1024 * 1024;
    /** A billing month: 30 days. */
    public static final Duration MONTH = Duration.ofDays(30);
    /** The group of assets no use case links to, or without tags. */
    public static final String NONE = "(none)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUARANTINE_SUFFIX = "__quarantine";

    private final Lakehouse lake;
    private final MetadataDatabase database;
    private final Supplier<PriceModel> prices;
    private final UseCaseLinks useCases;
    private final UsageRollup usage;

    /**
     * @param prices the price model in force, read at each attribution
     * @param useCases the portfolio's links from use cases to products and models
     */
    public CostAttribution(Lakehouse lake, MetadataDatabase database, Supplier<PriceModel> prices,
            UseCaseLinks useCases) {
        this.lake = requireNonNull(lake, "lake is null");
        this.database = requireNonNull(database, "database is null");
        this.prices = requireNonNull(prices, "prices is null");
        this.useCases = requireNonNull(useCases, "useCases is null");
        this.usage = new UsageRollup(database);
    }

    /** The audit log's reads rolled up by the hour, which query compute is attributed from. */
    public UsageRollup usage() {
        return usage;
    }

    /** What costs are grouped by. */
    public enum Dimension {
        DOMAIN, PRODUCT, TABLE, MODEL, USECASE, TAG;

        /**
         * Parses {@code domain}, {@code product}, {@code table}, {@code model}, {@code usecase} or {@code tag}.
         *
         * @throws NorthstarException {@code INVALID_ARGUMENT} for another word
         */
        public static Dimension parse(String text) {
            String word = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            for (Dimension dimension : values()) {
                if (dimension.name().toLowerCase(Locale.ROOT).equals(word)) {
                    return dimension;
                }
            }
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot group costs by '" + text + "'",
                    "Use by=domain, product, table, model, usecase or tag");
        }

        /** The lower-case word. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one asset cost over a period.
     *
     * @param kind {@code table} or {@code model}
     * @param name {@code domain.table}, or the model's name
     * @param domain the table's domain; a model's is the domain of its first training input
     * @param product the data product ({@code domain.product} of the active contract, else the table itself)
     * @param tags steward tags of the table
     * @param storageGbMonths GB-months stored
     * @param computeSeconds CPU-seconds of ingestion, queries and training
     * @param queries governed queries that read it
     * @param scoringRequests scoring requests served by it (models)
     * @param storageCost storage at the price model's price
     * @param computeCost compute at the price model's price
     * @param scoringCost scoring at the price model's price
     */
    public record AssetCost(String kind, String name, String domain, String product, List<String> tags,
            double storageGbMonths, double computeSeconds, long queries, long scoringRequests, double storageCost,
            double computeCost, double scoringCost) {
        public AssetCost {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
            requireNonNull(domain, "domain is null");
            requireNonNull(product, "product is null");
            tags = List.copyOf(tags);
        }

        /** Storage, compute and scoring. */
        public double total() {
            return storageCost + computeCost + scoringCost;
        }
    }

    /**
     * The cost of one group.
     *
     * @param key the domain, product, table, model, use case or tag ({@value #NONE} for the rest)
     * @param storageCost storage
     * @param computeCost compute
     * @param scoringCost scoring
     * @param total the three
     * @param assets the assets in the group, by name
     */
    public record GroupCost(String key, double storageCost, double computeCost, double scoringCost, double total,
            List<String> assets) {
        public GroupCost {
            requireNonNull(key, "key is null");
            assets = List.copyOf(assets);
        }
    }

    /**
     * Costs of a period grouped by a dimension, largest first.
     *
     * @param from start (inclusive)
     * @param to end (exclusive)
     * @param by the dimension
     * @param currency the price model's currency
     * @param priceModel the price model's name
     * @param groups the groups, largest total first
     * @param total what the period cost (by tag, groups may add up to more: a table has several tags)
     */
    public record CostReport(Instant from, Instant to, Dimension by, String currency, String priceModel,
            List<GroupCost> groups, double total) {
        public CostReport {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(by, "by is null");
            requireNonNull(currency, "currency is null");
            requireNonNull(priceModel, "priceModel is null");
            groups = List.copyOf(groups);
        }
    }

    /** The price model in force. */
    public PriceModel priceModel() {
        return prices.get();
    }

    /** What each asset cost over {@code [from, to)}, largest first. */
    public List<AssetCost> assets(Instant from, Instant to) {
        checkPeriod(from, to);
        return attribute(Facts.load(this, from, to), prices.get(), from, to);
    }

    /** Costs of {@code [from, to)} grouped by {@code by}. */
    public CostReport report(Dimension by, Instant from, Instant to) {
        requireNonNull(by, "by is null");
        PriceModel model = prices.get();
        List<AssetCost> assets = assets(from, to);
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, List<String>> members = new TreeMap<>();
        Map<String, List<String>> links = linksByAsset();
        for (AssetCost asset : assets) {
            Map<String, Double> shares = shares(by, asset, links);
            shares.forEach((key, share) -> {
                double[] sum = sums.computeIfAbsent(key, ignored -> new double[3]);
                sum[0] += asset.storageCost() * share;
                sum[1] += asset.computeCost() * share;
                sum[2] += asset.scoringCost() * share;
                members.computeIfAbsent(key, ignored -> new ArrayList<>()).add(asset.name());
            });
        }
        List<GroupCost> groups = new ArrayList<>();
        sums.forEach((key, sum) -> groups.add(new GroupCost(key, sum[0], sum[1], sum[2], sum[0] + sum[1] + sum[2],
                members.get(key))));
        groups.sort(Comparator.comparingDouble(GroupCost::total).reversed().thenComparing(GroupCost::key));
        double total = assets.stream().mapToDouble(AssetCost::total).sum();
        return new CostReport(from, to, by, model.currency(), model.name(), groups, total);
    }

    /** The total cost of each day of {@code [from, to)} (days from {@code from}), in order. */
    public List<TrendPoint> dailyTotals(Instant from, Instant to) {
        return totals(from, to, Duration.ofDays(1));
    }

    /** The total cost of each step of {@code [from, to)}, in order. */
    public List<TrendPoint> totals(Instant from, Instant to, Duration step) {
        checkPeriod(from, to);
        Facts facts = Facts.load(this, from, to);
        PriceModel model = prices.get();
        List<TrendPoint> points = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
            Instant end = start.plus(step).isAfter(to) ? to : start.plus(step);
            points.add(new TrendPoint(start, attribute(facts, model, start, end).stream()
                    .mapToDouble(AssetCost::total).sum()));
        }
        return points;
    }

    /** Each group an asset belongs to under a dimension, with its share of the asset's cost. */
    private static Map<String, Double> shares(Dimension by, AssetCost asset, Map<String, List<String>> links) {
        return switch (by) {
            case DOMAIN -> Map.of(asset.domain(), 1.0);
            case PRODUCT -> Map.of(asset.kind().equals("model") ? "model:" + asset.name() : asset.product(), 1.0);
            case TABLE -> Map.of(asset.kind().equals("model") ? "model:" + asset.name() : asset.name(), 1.0);
            case MODEL -> Map.of(asset.kind().equals("model") ? asset.name() : NONE, 1.0);
            case TAG -> {
                Map<String, Double> tags = new LinkedHashMap<>();
                asset.tags().forEach(tag -> tags.put(tag, 1.0));
                yield tags.isEmpty() ? Map.of(NONE, 1.0) : tags;
            }
            case USECASE -> {
                List<String> cases = new ArrayList<>(links.getOrDefault(asset.kind() + ":" + asset.name(), List.of()));
                if (asset.kind().equals("table") && !asset.product().equals(asset.name())) {
                    links.getOrDefault("table:" + asset.product(), List.of()).stream()
                            .filter(useCase -> !cases.contains(useCase)).forEach(cases::add);
                }
                if (cases.isEmpty()) {
                    yield Map.of(NONE, 1.0);
                }
                Map<String, Double> split = new LinkedHashMap<>();
                cases.forEach(useCase -> split.put(useCase, 1.0 / cases.size()));
                yield split;
            }
        };
    }

    /** {@code table:<name>} or {@code model:<name>} to the use cases linking to it. */
    private Map<String, List<String>> linksByAsset() {
        Map<String, List<String>> byAsset = new HashMap<>();
        new TreeMap<>(useCases.links()).forEach((useCase, assets) -> assets.forEach(asset -> {
            String key = (asset.kind().equals("model") ? "model:" : "table:") + asset.name();
            List<String> cases = byAsset.computeIfAbsent(key, ignored -> new ArrayList<>());
            if (!cases.contains(useCase)) {
                cases.add(useCase);
            }
        }));
        return byAsset;
    }

    private static void checkPeriod(Instant from, Instant to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (!from.isBefore(to)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The period starts at " + from
                    + ", which is not before its end " + to, "Give a start before the end");
        }
    }

    /** Attributes the facts of {@code [from, to)} at the prices of {@code model}. */
    private static List<AssetCost> attribute(Facts facts, PriceModel model, Instant from, Instant to) {
        Map<String, double[]> tables = new TreeMap<>(); // gbMonths, computeSeconds, queries
        for (Map.Entry<String, List<long[]>> entry : facts.sizes.entrySet()) {
            double gbMonths = storedByteMillis(entry.getValue(), from.toEpochMilli(), to.toEpochMilli())
                    / GB / MONTH.toMillis();
            tables.computeIfAbsent(entry.getKey(), ignored -> new double[3])[0] += gbMonths;
        }
        for (Facts.Run run : facts.runs) {
            if (run.end >= from.toEpochMilli() && run.end < to.toEpochMilli()) {
                tables.computeIfAbsent(run.table, ignored -> new double[3])[1] += (run.end - run.start) / 1000.0;
            }
        }
        for (UsageRollup.HourReads read : facts.reads) {
            if (read.hour() >= from.toEpochMilli() && read.hour() < to.toEpochMilli()) {
                double[] sums = tables.computeIfAbsent(read.table(), ignored -> new double[3]);
                sums[1] += read.computeMillis() / 1000.0;
                sums[2] += read.reads();
            }
        }
        Map<String, double[]> models = new TreeMap<>(); // computeSeconds, scoring requests
        Map<String, String> modelDomains = new HashMap<>();
        for (Facts.Training training : facts.trainings) {
            modelDomains.putIfAbsent(training.model, training.domain);
            if (training.at >= from.toEpochMilli() && training.at < to.toEpochMilli()) {
                models.computeIfAbsent(training.model, ignored -> new double[2])[0] += training.millis / 1000.0;
            }
        }
        for (Facts.Scoring scoring : facts.scorings) {
            if (scoring.hour >= from.toEpochMilli() && scoring.hour < to.toEpochMilli()) {
                models.computeIfAbsent(scoring.model, ignored -> new double[2])[1] += scoring.requests;
            }
        }
        List<AssetCost> assets = new ArrayList<>();
        tables.forEach((name, sums) -> {
            if (sums[0] == 0 && sums[1] == 0 && sums[2] == 0) {
                return; // nothing stored, run or read in the period
            }
            TableId id = TableId.parse(name);
            String base = id.name().endsWith(QUARANTINE_SUFFIX)
                    ? id.domain() + "." + id.name().substring(0, id.name().length() - QUARANTINE_SUFFIX.length())
                    : name;
            String product = facts.products.getOrDefault(base, base);
            assets.add(new AssetCost("table", name, id.domain(), product,
                    facts.tags.getOrDefault(name, facts.tags.getOrDefault(base, List.of())), sums[0], sums[1],
                    (long) sums[2], 0, sums[0] * model.storagePerGbMonth(), sums[1] * model.computePerCpuSecond(),
                    0));
        });
        models.forEach((name, sums) -> assets.add(new AssetCost("model", name,
                modelDomains.getOrDefault(name, ScoringSettings.PREDICTIONS.domain()), "model:" + name, List.of(), 0,
                sums[0], 0, (long) sums[1], 0, sums[0] * model.computePerCpuSecond(),
                sums[1] / 1000.0 * model.scoringPerThousand())));
        assets.sort(Comparator.comparingDouble(AssetCost::total).reversed().thenComparing(AssetCost::name));
        return assets;
    }

    /**
     * Bytes stored times milliseconds over {@code [from, to)}: each snapshot's {@code total-files-size} holds from
     * its commit until the next one.
     *
     * @param sizes {commit millis, bytes} in commit order
     */
    static double storedByteMillis(List<long[]> sizes, long from, long to) {
        double total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            long start = Math.max(sizes.get(i)[0], from);
            long end = Math.min(i + 1 < sizes.size() ? sizes.get(i + 1)[0] : Long.MAX_VALUE, to);
            if (end > start) {
                total += (double) sizes.get(i)[1] * (end - start);
            }
        }
        return total;
    }

    /** The measured facts of a period, read once. */
    private static final class Facts {
        record Run(String table, long start, long end) {}

        record Training(String model, String domain, long at, long millis) {}

        record Scoring(String model, long hour, long requests) {}

        final Map<String, List<long[]>> sizes = new TreeMap<>();
        final List<Run> runs = new ArrayList<>();
        final List<UsageRollup.HourReads> reads = new ArrayList<>();
        final List<Training> trainings = new ArrayList<>();
        final List<Scoring> scorings = new ArrayList<>();
        final Map<String, String> products = new HashMap<>();
        final Map<String, List<String>> tags = new HashMap<>();

        static Facts load(CostAttribution owner, Instant from, Instant to) {
            Facts facts = new Facts();
            for (TableId table : owner.lake.tables()) {
                List<long[]> sizes = new ArrayList<>();
                for (SnapshotInfo snapshot : owner.lake.history(table)) {
                    sizes.add(new long[] {snapshot.committedAt().toEpochMilli(),
                        Long.parseLong(snapshot.summary().getOrDefault("total-files-size", "0"))});
                }
                sizes.sort(Comparator.comparingLong(size -> size[0]));
                facts.sizes.put(table.toString(), sizes);
            }
            long start = from.toEpochMilli();
            long end = to.toEpochMilli();
            facts.reads.addAll(owner.usage.hours(from, to));
            owner.database.call("read the costs of a period", handle -> {
                handle.createQuery("SELECT target, started_at, finished_at FROM ns_runs WHERE kind = 'ingest'"
                                + " AND finished_at IS NOT NULL AND finished_at >= :from AND finished_at < :to")
                        .bind("from", start).bind("to", end)
                        .map((row, context) -> new Run(row.getString("target"), row.getLong("started_at"),
                                row.getLong("finished_at")))
                        .forEach(facts.runs::add);
                handle.createQuery("SELECT name, created_at, lineage, metrics FROM ns_model_version")
                        .map((row, context) -> training(row.getString("name"), row.getLong("created_at"),
                                row.getString("lineage"), row.getString("metrics")))
                        .forEach(facts.trainings::add);
                handle.createQuery("SELECT t.table_domain, t.table_name, v.domain, v.data_product"
                                + " FROM ns_contract_tables t JOIN ns_contract_versions v"
                                + " ON v.contract_id = t.contract_id AND v.version = t.version WHERE v.active")
                        .map((row, context) -> Map.entry(row.getString("table_domain") + "."
                                + row.getString("table_name"), row.getString("domain") + "."
                                + row.getString("data_product")))
                        .forEach(entry -> facts.products.put(entry.getKey(), entry.getValue()));
                handle.createQuery("SELECT table_name, tag FROM ns_catalog_tags ORDER BY table_name, tag")
                        .map((row, context) -> Map.entry(row.getString("table_name"), row.getString("tag")))
                        .forEach(entry -> facts.tags.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                                .add(entry.getValue()));
                return null;
            });
            TableId predictions = ScoringSettings.PREDICTIONS;
            if (owner.lake.exists(predictions)) {
                QueryResult result = owner.lake.query("SELECT model, epoch_ms(date_trunc('hour', scored_at)) AS hour,"
                        + " count(*) AS requests FROM " + predictions + " WHERE NOT shadow"
                        + " AND scored_at >= make_timestamptz(" + start * 1000 + ")"
                        + " AND scored_at < make_timestamptz(" + end * 1000 + ") GROUP BY ALL",
                        QueryOptions.defaults());
                for (List<Object> row : result.rows()) {
                    facts.scorings.add(new Scoring(String.valueOf(row.get(0)), ((Number) row.get(1)).longValue(),
                            ((Number) row.get(2)).longValue()));
                }
            }
            return facts;
        }

        private static Training training(String model, long at, String lineage, String metrics) {
            String domain = ScoringSettings.PREDICTIONS.domain();
            long millis = 0;
            try {
                JsonNode inputs = JSON.readTree(lineage);
                if (inputs.isArray() && !inputs.isEmpty()) {
                    JsonNode table = inputs.get(0).path("table");
                    String text = table.isObject() ? table.path("domain").asText("") : table.asText("");
                    if (!text.isEmpty()) {
                        domain = text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
                    }
                }
                millis = JSON.readTree(metrics).path("trainingMillis").asLong(0);
            } catch (JsonProcessingException e) {
                // A version whose stored JSON does not parse has no measured training time.
            }
            return new Training(model, domain, at, millis);
        }
    }
}
