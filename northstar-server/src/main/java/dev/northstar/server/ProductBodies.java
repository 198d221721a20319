package dev.northstar.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractProblem;
import dev.northstar.contracts.ContractVersion;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.EnforcementPolicy;
import dev.northstar.contracts.LogicalTypeOptions;
import dev.northstar.contracts.QualityRule;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.contracts.SlaProperty;
import dev.northstar.quality.CheckResult;
import dev.northstar.quality.CheckRun;
import dev.northstar.quality.ErrorBudget;
import dev.northstar.quality.MetricPoint;
import dev.northstar.quality.SloStatus;
import dev.northstar.spi.store.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JSON bodies of the data product routes (snake_case, schemas generated like {@link ApiBodies}). Built from the
 * records of the contracts, ingest and quality modules, which stay free of JSON concerns.
 */
final class ProductBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProductBodies() {}

    /** Every data product. */
    record ProductList(List<ProductSummary> products) {}

    /** A data product: its domain, name and governed tables. */
    record ProductSummary(String domain, String name, List<ProductTable> tables) {}

    /** A table of a product: the contract governing it, its team, last run and SLO summary. */
    record ProductTable(
            String table,
            String contractId,
            String contractVersion,
            String contractStatus,
            String team,
            Optional<RunSummary> lastRun,
            List<SloSummary> slos) {
        static ProductTable of(DataProducts.ProductTable table, String team) {
            ContractVersion contract = table.contract();
            return new ProductTable(table.table().toString(), contract.contractId(), contract.version(),
                    contract.status(), team, table.lastRun().map(RunSummary::of),
                    table.slos().stream().map(SloSummary::of).toList());
        }
    }

    /** Everything the contract in force says about one product table. */
    record ProductDetail(
            String table,
            String domain,
            String dataProduct,
            String contractId,
            String contractName,
            String contractVersion,
            String contractStatus,
            String source,
            Instant appliedAt,
            String team,
            ContractDescription description,
            String schemaObject,
            List<SchemaColumn> schema,
            Policy policy,
            List<Rule> qualityRules,
            List<Sla> sla) {
        static ProductDetail of(ActiveContract active, ContractVersion version) {
            DataContract contract = active.contract();
            EnforcementPolicy policy = active.policy();
            List<Rule> rules = new ArrayList<>();
            active.schemaObject().quality().forEach(rule -> rules.add(Rule.of("", rule)));
            for (SchemaProperty property : active.schemaObject().properties()) {
                property.quality().forEach(rule -> rules.add(Rule.of(property.name(), rule)));
            }
            return new ProductDetail(active.table().toString(), version.domain(), version.dataProduct(),
                    contract.id(), contract.name(), active.version(), contract.status(), version.source(),
                    active.appliedAt(), contract.team().name(),
                    new ContractDescription(contract.description().purpose(), contract.description().usage(),
                            contract.description().limitations()),
                    active.schemaObject().name(),
                    active.schemaObject().properties().stream().map(SchemaColumn::of).toList(),
                    new Policy(policy.onViolation().text(), policy.maxQuarantineShare()),
                    List.copyOf(rules), contract.slaProperties().stream().map(Sla::of).toList());
        }
    }

    /** The contract's description. */
    record ContractDescription(String purpose, String usage, String limitations) {}

    /** A property of the schema object, as a column. */
    record SchemaColumn(
            String name,
            String logicalType,
            String physicalType,
            boolean required,
            boolean unique,
            boolean primaryKey,
            String classification,
            boolean criticalDataElement,
            String description,
            Map<String, String> constraints) {
        static SchemaColumn of(SchemaProperty property) {
            return new SchemaColumn(property.name(), property.logicalType(), property.physicalType(),
                    property.required(), property.unique(), property.primaryKey(), property.classification(),
                    property.criticalDataElement(), property.description(),
                    ProductBodies.constraints(property.logicalTypeOptions()));
        }
    }

    /** How violations are handled. */
    record Policy(String onViolation, double maxQuarantineShare) {}

    /** A quality rule of the contract. */
    record Rule(
            String column,
            String name,
            String type,
            String metric,
            String expectation,
            String dimension,
            String severity,
            String description,
            String query) {
        static Rule of(String column, QualityRule rule) {
            return new Rule(column, rule.name().isEmpty() ? rule.id() : rule.name(), rule.type().text(),
                    rule.metric(), rule.comparison().map(ProductBodies::comparison).orElse(""), rule.dimension(),
                    rule.severity(), rule.description(), rule.query());
        }
    }

    /** An SLA property of the contract. */
    record Sla(String property, String value, String unit, String element, String description) {
        static Sla of(SlaProperty sla) {
            return new Sla(sla.property(), sla.value() == null ? "" : sla.value().toString(), sla.unit(),
                    sla.element(), sla.description());
        }
    }

    /** Load runs of a product table, newest first. */
    record RunList(String table, List<RunSummary> runs) {}

    /** One ingest or replay run. */
    record RunSummary(
            String runId,
            String kind,
            String status,
            Instant startedAt,
            Optional<Instant> finishedAt,
            Optional<Long> durationMs,
            long rowsIn,
            long rowsValid,
            long rowsQuarantined,
            Optional<String> error) {
        static RunSummary of(RunRecord run) {
            Map<String, String> details = run.details();
            return new RunSummary(run.id(), run.kind(), run.status(), run.startedAt(), run.finishedAt(),
                    run.finishedAt().map(end -> end.toEpochMilli() - run.startedAt().toEpochMilli()),
                    count(details, "rows_in", run.rowsRead()), count(details, "rows_valid", run.rowsWritten()),
                    count(details, "rows_quarantined", 0), run.error());
        }

        private static long count(Map<String, String> details, String key, long fallback) {
            try {
                return details.containsKey(key) ? Long.parseLong(details.get(key)) : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    /** Quality of a product table: the latest check run and every metric's history. */
    record Quality(String table, Optional<CheckRunBody> latest, List<MetricSeries> metrics) {}

    /** A recorded check run. */
    record CheckRunBody(String runId, Instant at, Optional<Long> snapshotId, boolean passed,
            List<CheckResultBody> results) {
        static CheckRunBody of(CheckRun run) {
            return new CheckRunBody(run.id(), run.at(), run.snapshotId(), run.passed(),
                    run.results().stream().map(CheckResultBody::of).toList());
        }
    }

    /** The result of one check. */
    record CheckResultBody(String checkId, String metric, Optional<Double> measured, String unit, String expectation,
            boolean passed, String severity, String message) {
        static CheckResultBody of(CheckResult result) {
            return new CheckResultBody(result.checkId(), result.metric(),
                    result.measured().isPresent() ? Optional.of(result.measured().getAsDouble()) : Optional.empty(),
                    lower(result.unit().name()), result.expectation(), result.passed(),
                    lower(result.severity().name()), result.message());
        }
    }

    /** The history of one metric, oldest first. */
    record MetricSeries(String metric, List<MetricValue> points) {
        static MetricSeries of(String metric, List<MetricPoint> points) {
            return new MetricSeries(metric, points.stream()
                    .map(point -> new MetricValue(point.at(), point.value(), point.runId())).toList());
        }
    }

    /** One measured value. */
    record MetricValue(Instant at, double value, String runId) {}

    /** SLOs of a product table. */
    record SloList(String table, List<SloDetail> slos) {}

    /** Where an SLO stands: its status, objective, indicator and error budget. */
    record SloSummary(String kind, String status, double objectivePercent, double indicatorPercent,
            double errorBudgetRemainingPercent, double burnRate) {
        static SloSummary of(SloStatus status) {
            ErrorBudget budget = status.budget();
            return new SloSummary(lower(status.slo().kind().name()), ProductBodies.status(status),
                    status.slo().objectivePercent(),
                    budget.indicator() * 100, budget.remainingFraction() * 100, budget.burnRate());
        }
    }

    /** An SLO with its window, events and error budget. */
    record SloDetail(
            String kind,
            String status,
            double objectivePercent,
            long windowSeconds,
            Optional<Long> maxAgeSeconds,
            String unit,
            double good,
            double total,
            double indicatorPercent,
            double errorBudget,
            double errorBudgetConsumed,
            double errorBudgetRemaining,
            double errorBudgetRemainingPercent,
            double burnRate,
            Instant from,
            Instant to) {
        static SloDetail of(SloStatus status) {
            ErrorBudget budget = status.budget();
            return new SloDetail(lower(status.slo().kind().name()), ProductBodies.status(status),
                    status.slo().objectivePercent(),
                    status.slo().window().toSeconds(), status.slo().maxAge().map(age -> age.toSeconds()),
                    status.slo().kind().unit(), budget.good(), budget.total(), budget.indicator() * 100,
                    budget.budget(), budget.consumed(), budget.remaining(), budget.remainingFraction() * 100,
                    budget.burnRate(), status.from(), status.to());
        }
    }

    /**
     * The multipart form of the ingest route (documentation of its fields; the handler reads them from the parts).
     *
     * @param file the file to ingest: .csv, .tsv, .json, .ndjson, .jsonl or .parquet, optionally .gz (.zst for CSV)
     * @param format csv, json, ndjson or parquet; by default told by the file name's extension
     * @param encoding CSV encoding: utf-8 (default), iso-8859-1 or windows-1252
     * @param delimiter CSV delimiter, one character or {@code \t}; sniffed by default
     * @param force true to ingest even a file already ingested into the product
     */
    record IngestForm(String file, Optional<String> format, Optional<String> encoding, Optional<String> delimiter,
            Optional<Boolean> force) {}

    /**
     * What an ingestion did. Always {@code rowsIn = rowsValid + rowsQuarantined}.
     *
     * @param runId the run; for a skipped file, the earlier run that ingested it
     * @param table the product table
     * @param status SUCCEEDED, SKIPPED (already ingested; nothing done) or FAILED
     * @param rowsIn rows read from the file
     * @param rowsValid rows written to the product
     * @param rowsQuarantined rows written to the quarantine only
     * @param rowsWarned rows in the product whose violations were recorded as warnings
     * @param durationMs wall time of the run
     * @param failure why a FAILED run failed
     * @param reasons the first reasons of quarantined rows
     * @param quarantine the API path listing this run's quarantined rows
     */
    record IngestSummary(String runId, String table, String status, long rowsIn, long rowsValid, long rowsQuarantined,
            long rowsWarned, long durationMs, Optional<String> failure, List<String> reasons, String quarantine) {
        static IngestSummary of(dev.northstar.spi.schema.TableId table, dev.northstar.ingest.IngestResult result) {
            return new IngestSummary(result.runId(), table.toString(), result.status().name(), result.rowsIn(),
                    result.rowsValid(), result.rowsQuarantined(), result.rowsWarned(), result.durationMillis(),
                    result.failure(), result.sampleReasons(), ApiRoutes.PREFIX + "/products/" + table.domain() + "/"
                            + table.name() + "/quarantine?run=" + java.net.URLEncoder.encode(result.runId(),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Quarantined rows of a product table. */
    record QuarantineList(String table, Optional<String> run, List<QuarantinedRow> rows) {}

    /** A row that failed the contract, with where it came from and why. */
    record QuarantinedRow(
            String runId,
            String status,
            String source,
            Optional<Long> line,
            Optional<Long> record,
            Optional<JsonNode> rawValues,
            Optional<String> rawLine,
            List<Reason> reasons,
            Optional<Instant> ingestedAt) {
        static QuarantinedRow of(dev.northstar.ingest.QuarantinedRow row) {
            return new QuarantinedRow(row.runId(), row.status().text(), row.source(), row.line(), row.record(),
                    row.rawValues().map(ProductBodies::json), row.rawLine(),
                    row.reasons().stream().map(reason -> new Reason(reason.rule(), reason.column(),
                            reason.message())).toList(), row.ingestedAt());
        }
    }

    /** A reason a row was quarantined. */
    record Reason(String rule, String column, String message) {}

    /** Lint result of a contract text. */
    record LintResult(boolean valid, List<LintProblem> problems) {
        static LintResult of(List<ContractProblem> problems) {
            return new LintResult(problems.isEmpty(), problems.stream().map(LintProblem::of).toList());
        }
    }

    /** One problem of a contract, where it is and how to fix it. */
    record LintProblem(int line, int column, String path, String message, String hint) {
        static LintProblem of(ContractProblem problem) {
            return new LintProblem(problem.position().line(), problem.position().column(),
                    problem.position().path(), problem.message(), problem.hint() == null ? "" : problem.hint());
        }
    }

    /** {@code met}, {@code breached} or {@code no_data}. */
    static String status(SloStatus status) {
        ErrorBudget budget = status.budget();
        return budget.total() == 0 ? "no_data" : budget.met() ? "met" : "breached";
    }

    /** A comparison as the contract writes it, e.g. {@code mustBeBetween [1, 5]}. */
    static String comparison(QualityRule.Comparison comparison) {
        List<Object> values = comparison.values();
        return comparison.operator().key() + " " + (values.size() == 1 ? String.valueOf(values.get(0))
                : values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
    }

    /** The logical type options that are set, by their ODCS names. */
    static Map<String, String> constraints(LogicalTypeOptions options) {
        Map<String, String> constraints = new LinkedHashMap<>();
        options.minLength().ifPresent(value -> constraints.put("minLength", value.toString()));
        options.maxLength().ifPresent(value -> constraints.put("maxLength", value.toString()));
        options.pattern().ifPresent(value -> constraints.put("pattern", value));
        options.format().ifPresent(value -> constraints.put("format", value));
        options.minimum().ifPresent(value -> constraints.put("minimum", value.toString()));
        options.maximum().ifPresent(value -> constraints.put("maximum", value.toString()));
        options.exclusiveMinimum().ifPresent(value -> constraints.put("exclusiveMinimum", value.toString()));
        options.exclusiveMaximum().ifPresent(value -> constraints.put("exclusiveMaximum", value.toString()));
        options.multipleOf().ifPresent(value -> constraints.put("multipleOf", value.toString()));
        options.minItems().ifPresent(value -> constraints.put("minItems", value.toString()));
        options.maxItems().ifPresent(value -> constraints.put("maxItems", value.toString()));
        options.uniqueItems().ifPresent(value -> constraints.put("uniqueItems", value.toString()));
        options.timezone().ifPresent(value -> constraints.put("timezone", value.toString()));
        options.defaultTimezone().ifPresent(value -> constraints.put("defaultTimezone", value));
        options.others().forEach((key, value) -> constraints.put(key, String.valueOf(value)));
        return constraints;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
