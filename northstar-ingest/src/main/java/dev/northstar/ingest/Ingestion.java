package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ingest.lineage.LineageEvents;
import dev.northstar.ingest.lineage.LineageLog;
import dev.northstar.ingest.lineage.RunOutcome;
import dev.northstar.ingest.plan.OnViolation;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.plan.RowProtection;
import dev.northstar.ingest.plan.ValidationPlan;
import dev.northstar.ingest.source.JdbcSource;
import dev.northstar.ingest.source.Source;
import dev.northstar.ingest.source.SourceBatch;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.StagedFiles;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.WriteSession;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.RunRecord;
import dev.northstar.spi.store.RunStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Contract-enforced ingestion into the lakehouse: a source is read once into DuckDB, checked by the product's
 * {@link ValidationPlan} in one query, and split into valid rows (to the product table) and rejected rows (to
 * {@code <table>__quarantine}, with raw values, source position and every reason). Rows in = rows valid + rows
 * quarantined, always.
 *
 * <p>Commit protocol (Iceberg commits one table at a time): (1) the run is recorded RUNNING in the run history with
 * this process's id and host; (2) the rows of both tables are staged as data files; (3) the quarantine table is
 * committed, then the product, both with the run id (and the source fingerprint) in the snapshot summary; (4) the run
 * is marked SUCCEEDED with {@code rows_in}, {@code rows_valid}, {@code rows_quarantined}. A run that fails in-process
 * reverts what it committed; a run whose process died is found RUNNING by {@link #recover} (called at the start of
 * every run on the product), its commits reverted with {@link Lakehouse#revertRun} and the run marked FAILED.
 *
 * <p>Idempotent: a source whose fingerprint already SUCCEEDED on the product is skipped unless forced.
 *
 * <p>Every run records OpenLineage events (START, then COMPLETE or FAIL) through {@link LineageLog}.
 */
public final class Ingestion {
    /** Run kind of ingestion runs in the run history. */
    public static final String INGEST = "ingest";
    /** Run kind of replays of quarantined rows. */
    public static final String REPLAY = "replay";
    /** Error of a run recovered after its process died. */
    public static final String RECOVERED = "recovered after the process died";

    private static final String CURSOR_COLUMN = "cursor_column";
    private static final String SOURCE_URI = "source_uri";
    private static final String CURSOR_VALUE = "cursor_value";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLE_REASONS = 5;
    private static final int RUNS_SCANNED_FOR_RECOVERY = 200;

    private final Lakehouse lake;
    private final RunStore runs;
    private final LineageLog lineage;
    private final LineageEvents events;
    private final IngestSettings settings;
    private final Consumer<String> checkpoints;
    private final String host;
    private final RowProtection protection;

    /** Ingestion into the lake, recording runs and lineage events in the store. */
    public Ingestion(Lakehouse lake, JdbcMetadataStore store, IngestSettings settings) {
        this(lake, store, settings, point -> { }, RowProtection.NONE);
    }

    /** Ingestion that protects the columns its products' contracts say to protect, before they are written. */
    public Ingestion(Lakehouse lake, JdbcMetadataStore store, IngestSettings settings, RowProtection protection) {
        this(lake, store, settings, point -> { }, protection);
    }

    /** With a hook called at named points of the commit protocol (tests kill the process there). */
    Ingestion(Lakehouse lake, JdbcMetadataStore store, IngestSettings settings, Consumer<String> checkpoints) {
        this(lake, store, settings, checkpoints, RowProtection.NONE);
    }

    private Ingestion(Lakehouse lake, JdbcMetadataStore store, IngestSettings settings, Consumer<String> checkpoints,
            RowProtection protection) {
        this.protection = requireNonNull(protection, "protection is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(store, "store is null").runs();
        this.settings = requireNonNull(settings, "settings is null");
        this.lineage = new LineageLog(store.database(), settings.lineageEndpoint());
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.host = hostName();
        this.events = new LineageEvents(host);
    }

    /** Each product column read from a source column (matched by name, case-insensitively, as validation does). */
    private static Map<String, String> columnSources(ProductRules rules, List<String> sourceColumns) {
        Map<String, String> sourceByName = new HashMap<>();
        sourceColumns.forEach(column -> sourceByName.putIfAbsent(column.toLowerCase(java.util.Locale.ROOT), column));
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        for (dev.northstar.ingest.plan.ColumnRules column : rules.columns()) {
            String source = sourceByName.get(column.name().toLowerCase(java.util.Locale.ROOT));
            if (source != null) {
                sources.put(column.name(), source);
            }
        }
        return sources;
    }

    /** Applies the contract's protections to the validated rows, before they are staged for the product. */
    private void protect(Connection connection, TableId product, ValidationPlan plan, ProductRules rules) {
        try {
            protection.protect(connection, ValidationPlan.CHECKED_TABLE, product,
                    plan.validCondition(rules.onViolation()));
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Failed to protect the columns of " + product
                    + " before writing them: " + e.getMessage(), null, e);
        }
    }

    /** The quarantine table of a product: {@code domain.<table>__quarantine}. */
    public static TableId quarantineTable(TableId product) {
        return QuarantineTable.of(product);
    }

    /** The lineage log runs record their events in. */
    public LineageLog lineage() {
        return lineage;
    }

    /**
     * Ingests a source into a product.
     *
     * @return the run summary; {@link IngestStatus#FAILED} when a policy rejected the batch (nothing committed)
     * @throws NorthstarException {@code TABLE_NOT_FOUND} for a missing product, {@code FILE_NOT_FOUND},
     *     {@code INVALID_DATA} for an unreadable source; the run is then FAILED with nothing committed
     */
    public IngestResult ingest(IngestRequest request) {
        requireNonNull(request, "request is null");
        long startNanos = System.nanoTime();
        ProductRules rules = request.rules();
        TableId product = rules.product();
        recover(product);
        lake.describe(product); // TABLE_NOT_FOUND, naming close matches
        Source source = request.source();
        if (source instanceof JdbcSource jdbc && jdbc.cursorColumn().isPresent()) {
            source = jdbc.withAfter(lastCursor(product, jdbc.cursorColumn().get()));
        }
        String fingerprint = source.fingerprint();
        if (!request.force()) {
            Optional<RunRecord> earlier = runs.findSucceeded(INGEST, product.toString(), fingerprint);
            if (earlier.isPresent()) {
                return skipped(earlier.get(), startNanos);
            }
        }
        TableId quarantine = QuarantineTable.ensure(lake, product);
        Run run = new Run(INGEST, product, fingerprint, Map.of("source", source.description(),
                SOURCE_URI, source.uri()));
        LineageEvents.Input input = LineageEvents.Input.of(source.uri());
        List<TableId> outputs = List.of(product, quarantine);
        String job = LineageEvents.jobName(INGEST, product);
        lineage.record(events.start(run.id, job, run.startedAt, input, outputs));
        Progress progress = new Progress(request.listener(), startNanos);
        try (WriteSession session = lake.openWriteSession()) {
            Connection connection = session.connection();
            progress.report("read", 0, 0.0);
            // The read is most of a run's time: it fills the first 60% of the bar.
            SourceBatch batch = source.read(connection, (rows, fraction) -> progress.report("read", rows,
                    fraction < 0 ? -1 : fraction * 0.6));
            progress.report("validate", batch.rowsIn(), 0.6);
            ValidationPlan plan = ValidationPlan.compile(rules, batch.columns());
            Checked checked = check(connection, plan, batch.rowsIn(), rules.onViolation(), source.description(),
                    run.id, Optional.of(source));
            Optional<String> failure = policyFailure(rules, checked);
            if (failure.isPresent()) {
                run.failed(runs, failure.get(), checked.details());
                lineage.record(events.fail(run.id, job, Instant.now(), input, outputs, failure.get()));
                return checked.result(run.id, IngestStatus.FAILED, elapsed(startNanos), failure);
            }
            protect(connection, product, plan, rules);
            checkpoints.accept("before-stage");
            progress.report("stage", batch.rowsIn(), 0.75);
            StagedFiles quarantined = checked.quarantineRows() == 0 ? null
                    : session.stage(quarantine, checked.quarantineSelect());
            StagedFiles valid = checked.valid() == 0 ? null
                    : session.stage(product, plan.productSelect(rules.onViolation()));
            checkStaged(quarantined, checked.quarantineRows(), valid, checked.valid());
            checkpoints.accept("after-stage");
            progress.report("commit", batch.rowsIn(), 0.9);
            WriteOptions options = WriteOptions.append().withRunId(run.id).withSourceFingerprint(fingerprint)
                    .withSummary(Map.of("northstar.source", source.description(),
                            "northstar.rows-in", Long.toString(checked.rowsIn()),
                            "northstar.rows-valid", Long.toString(checked.valid()),
                            "northstar.rows-quarantined", Long.toString(checked.quarantined())));
            if (quarantined != null) {
                session.commit(quarantined, options);
            }
            checkpoints.accept("between-commits");
            if (valid != null) {
                session.commit(valid, options);
            }
            checkpoints.accept("after-commits");
            Map<String, String> details = new HashMap<>(checked.details());
            if (source instanceof JdbcSource jdbc && jdbc.cursorColumn().isPresent()) {
                details.put(CURSOR_COLUMN, jdbc.cursorColumn().get());
                batch.highWaterMark().ifPresent(mark -> details.put(CURSOR_VALUE, mark));
            }
            run.succeeded(runs, checked.rowsIn(), checked.valid(), details);
            lineage.record(events.complete(run.id, job, Instant.now(), input, outputs, checked.outcome(),
                    columnSources(rules, batch.columns())));
            progress.report("done", batch.rowsIn(), 1.0);
            return checked.result(run.id, IngestStatus.SUCCEEDED, elapsed(startNanos), Optional.empty());
        } catch (RuntimeException e) {
            undo(run, List.of(product, quarantine), e);
            run.failed(runs, String.valueOf(e.getMessage()), Map.of());
            recordQuietly(() -> lineage.record(events.fail(run.id, job, Instant.now(), input, outputs,
                    String.valueOf(e.getMessage()))), e);
            throw e;
        }
    }

    /**
     * Re-validates the product's quarantined rows (status {@code quarantined}, with raw values) against the rules,
     * and moves the rows that now pass to the product in one run: the product commit appends them, then the
     * quarantine table is rewritten with their status {@code replayed} (one overwrite commit, validated against
     * concurrent writes). Rows in = rows moved + rows still quarantined.
     */
    public IngestResult replay(ProductRules rules) {
        requireNonNull(rules, "rules is null");
        long startNanos = System.nanoTime();
        TableId product = rules.product();
        recover(product);
        lake.describe(product);
        TableId quarantine = QuarantineTable.ensure(lake, product);
        Run run = new Run(REPLAY, product, "replay:" + UUID.randomUUID(), Map.of("source", quarantine.toString(),
                SOURCE_URI, "northstar://" + host + "/" + quarantine));
        LineageEvents.Input input = new LineageEvents.Input("northstar://" + host, quarantine.toString());
        List<TableId> outputs = List.of(product, quarantine);
        String job = LineageEvents.jobName(REPLAY, product);
        lineage.record(events.start(run.id, job, run.startedAt, input, outputs));
        try (WriteSession session = lake.openWriteSession()) {
            Connection connection = session.connection();
            ReplayBatch batch = ReplayBatch.load(lake, connection, product);
            ValidationPlan plan = ValidationPlan.compile(rules, batch.columns());
            Checked checked = check(connection, plan, batch.candidates(), rules.onViolation(), quarantine.toString(),
                    run.id, Optional.empty());
            StagedFiles moved = null;
            StagedFiles rewritten = null;
            if (checked.valid() > 0) {
                protect(connection, product, plan, rules);
                moved = session.stage(product, plan.productSelect(rules.onViolation()));
                rewritten = session.stage(quarantine, ReplayBatch.rewriteSelect(rules.onViolation()));
            }
            checkpoints.accept("after-stage");
            if (moved != null) {
                WriteOptions options = WriteOptions.append().withRunId(run.id)
                        .withSummary(Map.of("northstar.source", quarantine.toString()));
                session.commit(moved, options);
                checkpoints.accept("between-commits");
                session.commit(rewritten, WriteOptions.overwrite().withRunId(run.id)
                        .withSummary(Map.of("northstar.replayed", Long.toString(checked.valid()))));
            }
            checkpoints.accept("after-commits");
            run.succeeded(runs, checked.rowsIn(), checked.valid(), checked.details());
            lineage.record(events.complete(run.id, job, Instant.now(), input, outputs, checked.outcome()));
            return checked.result(run.id, IngestStatus.SUCCEEDED, elapsed(startNanos), Optional.empty());
        } catch (RuntimeException e) {
            // The quarantine overwrite is the last commit: if it landed the replay is complete, else only the
            // product append has to go.
            if (!committed(quarantine, run.id)) {
                undo(run, List.of(product), e);
            }
            run.failed(runs, String.valueOf(e.getMessage()), Map.of());
            recordQuietly(() -> lineage.record(events.fail(run.id, job, Instant.now(), input, outputs,
                    String.valueOf(e.getMessage()))), e);
            throw e;
        }
    }

    /**
     * Finds the product's runs left RUNNING by a process that is gone (same host and its PID no longer exists, or
     * started longer ago than {@code ingest.dead-run-timeout-minutes}) and undoes them: their commits on the product
     * and quarantine tables are reverted and they are marked FAILED "recovered after the process died" (a replay
     * whose final quarantine commit landed is complete, and marked SUCCEEDED).
     */
    public List<RecoveredRun> recover(TableId product) {
        requireNonNull(product, "product is null");
        List<RecoveredRun> recovered = new ArrayList<>();
        for (RunRecord record : runs.forTarget(product.toString(), RUNS_SCANNED_FOR_RECOVERY)) {
            if (!record.status().equals(RunRecord.RUNNING) || !isDead(record)
                    || !(record.kind().equals(INGEST) || record.kind().equals(REPLAY))) {
                continue;
            }
            TableId quarantine = QuarantineTable.of(product);
            boolean quarantineExists = lake.exists(quarantine);
            if (record.kind().equals(REPLAY) && quarantineExists && committed(quarantine, record.id())) {
                runs.save(finished(record, RunRecord.SUCCEEDED, Optional.empty()));
                recovered.add(new RecoveredRun(record.id(), record.kind(), "completed"));
                continue;
            }
            if (record.kind().equals(INGEST) && quarantineExists) {
                lake.revertRun(quarantine, record.id());
            }
            if (lake.exists(product)) {
                lake.revertRun(product, record.id());
            }
            runs.save(finished(record, RunRecord.FAILED, Optional.of(RECOVERED)));
            // Close the run's lineage too: its START event would otherwise stay open for ever.
            LineageEvents.Input input = record.kind().equals(REPLAY)
                    ? new LineageEvents.Input("northstar://" + host, quarantine.toString())
                    : LineageEvents.Input.of(record.details().getOrDefault(SOURCE_URI, "unknown:source"));
            lineage.record(events.fail(record.id(), LineageEvents.jobName(record.kind(), product), Instant.now(),
                    input, List.of(product, quarantine), RECOVERED));
            recovered.add(new RecoveredRun(record.id(), record.kind(), "reverted"));
        }
        return List.copyOf(recovered);
    }

    /**
     * The high-water mark of the last successful incremental run of the product on this cursor column. It is kept in
     * that run's record, written with its SUCCEEDED status in one statement, so a run that died never advances it.
     */
    public Optional<String> lastCursor(TableId product, String cursorColumn) {
        for (RunRecord record : runs.forTarget(product.toString(), RUNS_SCANNED_FOR_RECOVERY)) {
            if (record.kind().equals(INGEST) && record.status().equals(RunRecord.SUCCEEDED)
                    && cursorColumn.equalsIgnoreCase(record.details().getOrDefault(CURSOR_COLUMN, ""))
                    && record.details().containsKey(CURSOR_VALUE)) {
                return Optional.of(record.details().get(CURSOR_VALUE));
            }
        }
        return Optional.empty();
    }

    private boolean isDead(RunRecord record) {
        String runHost = record.details().getOrDefault("host", "");
        long pid = parseLong(record.details().get("pid"));
        if (runHost.equals(host) && pid > 0) {
            if (pid == ProcessHandle.current().pid()) {
                return false;
            }
            return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
        }
        return Duration.between(record.startedAt(), Instant.now()).compareTo(settings.deadRunTimeout()) > 0;
    }

    private static long parseLong(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static RunRecord finished(RunRecord record, String status, Optional<String> error) {
        return new RunRecord(record.id(), record.kind(), record.target(), status, record.startedAt(),
                Optional.of(Instant.now()), record.rowsRead(), record.rowsWritten(), record.snapshotId(),
                record.sourceFingerprint(), error, record.details());
    }

    private boolean committed(TableId table, String runId) {
        return lake.history(table).stream().anyMatch(snapshot -> runId.equals(snapshot.summary().get(SnapshotInfo.RUN_ID)));
    }

    private void undo(Run run, List<TableId> tables, RuntimeException failure) {
        for (TableId table : tables) {
            try {
                if (lake.exists(table)) {
                    lake.revertRun(table, run.id);
                }
            } catch (RuntimeException revertFailure) {
                failure.addSuppressed(revertFailure);
            }
        }
    }

    private static void recordQuietly(Runnable action, RuntimeException failure) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private IngestResult skipped(RunRecord earlier, long startNanos) {
        Map<String, String> details = earlier.details();
        long rowsIn = parseLong(details.get("rows_in"));
        long valid = parseLong(details.get("rows_valid"));
        long quarantined = parseLong(details.get("rows_quarantined"));
        if (rowsIn < 0 || valid < 0 || quarantined < 0) {
            rowsIn = 0;
            valid = 0;
            quarantined = 0;
        }
        return new IngestResult(earlier.id(), IngestStatus.SKIPPED, rowsIn, valid, quarantined, 0,
                elapsed(startNanos), Optional.empty(), List.of());
    }

    private static void checkStaged(StagedFiles quarantined, long quarantineRows, StagedFiles valid, long validRows) {
        long stagedQuarantine = quarantined == null ? 0 : quarantined.rows();
        long stagedValid = valid == null ? 0 : valid.rows();
        if (stagedQuarantine != quarantineRows || stagedValid != validRows) {
            throw NorthstarException.of(ErrorCode.INTERNAL,
                    "Staged %d valid and %d quarantine rows, expected %d and %d", stagedValid, stagedQuarantine,
                    validRows, quarantineRows);
        }
    }

    private static Optional<String> policyFailure(ProductRules rules, Checked checked) {
        if (rules.onViolation() == OnViolation.FAIL && checked.quarantineRows() > 0) {
            return Optional.of(checked.quarantineRows() + " of " + checked.rowsIn() + " rows break the contract of "
                    + rules.product() + " (onViolation: fail); nothing was committed. First reasons: "
                    + String.join("; ", checked.sampleReasons()));
        }
        if (checked.rowsIn() > 0) {
            double share = (double) checked.quarantined() / checked.rowsIn();
            if (share > rules.maxQuarantineShare()) {
                return Optional.of(String.format(Locale.ROOT,
                        "%d of %d rows (%.1f%%) would be quarantined, above the maximum quarantine share %.1f%% of %s;"
                                + " nothing was committed. First reasons: %s",
                        checked.quarantined(), checked.rowsIn(), share * 100, rules.maxQuarantineShare() * 100,
                        rules.product(), String.join("; ", checked.sampleReasons())));
            }
        }
        return Optional.empty();
    }

    // ---- checking ---------------------------------------------------------------------------------------------

    /** Runs the plan and counts what it found. */
    private Checked check(Connection connection, ValidationPlan plan, long rowsIn, OnViolation policy, String source,
            String runId, Optional<Source> numbering) {
        for (ValidationPlan.Lookup lookup : plan.lookups()) {
            fillLookup(connection, lookup);
        }
        for (String statement : plan.prepareSql()) {
            execute(connection, statement, "find the values repeated in " + source);
        }
        execute(connection, plan.createCheckedSql(), "validate the rows of " + source);
        numbering.ifPresent(read -> read.renumber(connection, ValidationPlan.CHECKED_TABLE, "len(_violations) > 0"));
        String quarantineSelect = plan.quarantineSelect(source, runId, Instant.now(), policy);
        // Every count in one scan of the checked rows: checked, valid, with violations, and nulls per column.
        List<String> columns = plan.rules().columns().stream().map(column -> column.name()).toList();
        StringBuilder counts = new StringBuilder("SELECT count(*), count_if(").append(plan.validCondition(policy))
                .append("), count_if(len(_violations) > 0)");
        for (String column : columns) {
            counts.append(", count(*) - count(\"").append(column.replace("\"", "\"\"")).append("\")");
        }
        long[] totals = new long[3];
        Map<String, Long> nullCounts = new LinkedHashMap<>();
        query(connection, counts + " FROM " + ValidationPlan.CHECKED_TABLE, row -> {
            for (int i = 0; i < totals.length; i++) {
                totals[i] = row.getLong(i + 1);
            }
            for (int i = 0; i < columns.size(); i++) {
                nullCounts.put(columns.get(i), row.getLong(totals.length + i + 1));
            }
        });
        long checkedRows = totals[0];
        long valid = totals[1];
        long malformed = scalar(connection, "SELECT count(*) FROM " + Source.MALFORMED_TABLE);
        long quarantineRows = totals[2] + malformed;
        if (checkedRows + malformed != rowsIn) {
            throw NorthstarException.of(ErrorCode.INTERNAL, "Read %d rows but checked %d and found %d malformed",
                    rowsIn, checkedRows, malformed);
        }
        long quarantined = rowsIn - valid;
        Map<String, Long> violationsByRule = new HashMap<>();
        if (totals[2] > 0) {
            query(connection, "SELECT v.rule, count(*) FROM (SELECT unnest(_violations) AS v FROM "
                    + ValidationPlan.CHECKED_TABLE + " WHERE len(_violations) > 0) GROUP BY 1",
                    row -> violationsByRule.put(row.getString(1), row.getLong(2)));
        }
        List<RunOutcome.Assertion> assertions = plan.checks().stream()
                .map(check -> new RunOutcome.Assertion(check.rule(), check.column(),
                        !violationsByRule.containsKey(check.rule())))
                .toList();
        List<String> sample = new ArrayList<>();
        if (quarantineRows > 0) {
            query(connection, "SELECT _line, _record, _reasons FROM (" + quarantineSelect + ")"
                + " ORDER BY _line NULLS LAST, _record LIMIT " + SAMPLE_REASONS, row -> sample.add(
                    describeReasons(row.getObject(1), row.getObject(2), row.getString(3))));
        }
        return new Checked(rowsIn, valid, quarantined, quarantineRows, quarantineSelect,
                new RunOutcome(rowsIn, valid, quarantined, nullCounts, assertions), sample);
    }

    private static String describeReasons(Object line, Object record, String reasons) {
        StringBuilder text = new StringBuilder(line != null ? "line " + line : "record " + record).append(": ");
        try {
            JsonNode list = JSON.readTree(reasons);
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(list.get(i).path("rule").asText()).append(" (")
                        .append(list.get(i).path("message").asText()).append(')');
            }
        } catch (IOException e) {
            text.append(reasons);
        }
        return text.toString();
    }

    private void fillLookup(Connection connection, ValidationPlan.Lookup lookup) {
        execute(connection, "CREATE OR REPLACE TEMP TABLE " + lookup.name() + " (v VARCHAR)", "prepare a lookup");
        if (!lake.exists(lookup.table())) {
            throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + lookup.table()
                    + " referenced by the rules of column " + lookup.column() + " does not exist",
                    "Create " + lookup.table() + " or fix the reference in the contract");
        }
        String column = "\"" + lookup.column().replace("\"", "\"\"") + "\"";
        QueryResult values = lake.query("SELECT DISTINCT CAST(" + column + " AS VARCHAR) AS v FROM " + lookup.table()
                + " WHERE " + column + " IS NOT NULL", QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + lookup.name() + " VALUES (?)")) {
            int pending = 0;
            for (List<Object> row : values.rows()) {
                insert.setString(1, String.valueOf(row.get(0)));
                insert.addBatch();
                if (++pending == 5_000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot load the values of " + lookup.table() + "."
                    + lookup.column() + ": " + e.getMessage(), null, e);
        }
    }

    static void execute(Connection connection, String sql, String what) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot " + what + ": " + e.getMessage(), null, e);
        }
    }

    private static long scalar(Connection connection, String sql) {
        long[] value = new long[1];
        query(connection, sql, row -> value[0] = row.getLong(1));
        return value[0];
    }

    /** Reads each row of a query. */
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    static void query(Connection connection, String sql, RowReader reader) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot run " + sql + ": " + e.getMessage(), null, e);
        }
    }

    /** What the plan found in a batch. */
    private record Checked(long rowsIn, long valid, long quarantined, long quarantineRows, String quarantineSelect,
            RunOutcome outcome, List<String> sampleReasons) {
        long warned() {
            return quarantineRows - quarantined;
        }

        Map<String, String> details() {
            return Map.of("rows_in", Long.toString(rowsIn), "rows_valid", Long.toString(valid),
                    "rows_quarantined", Long.toString(quarantined), "rows_warned", Long.toString(warned()));
        }

        IngestResult result(String runId, IngestStatus status, long millis, Optional<String> failure) {
            return new IngestResult(runId, status, rowsIn, valid, quarantined, warned(), millis, failure,
                    sampleReasons);
        }
    }

    // ---- runs -------------------------------------------------------------------------------------------------

    /** The run history record of one run. */
    private final class Run {
        final String id = UUID.randomUUID().toString();
        final Instant startedAt = Instant.now();
        final String kind;
        final TableId product;
        final String fingerprint;
        final Map<String, String> details;

        Run(String kind, TableId product, String fingerprint, Map<String, String> extra) {
            this.kind = kind;
            this.product = product;
            this.fingerprint = fingerprint;
            Map<String, String> all = new HashMap<>(extra);
            all.put("pid", Long.toString(ProcessHandle.current().pid()));
            all.put("host", host);
            all.put("quarantine_table", QuarantineTable.of(product).toString());
            this.details = Map.copyOf(all);
            runs.save(record(RunRecord.RUNNING, Optional.empty(), 0, 0, Optional.empty(), details));
        }

        void succeeded(RunStore store, long rowsIn, long rowsValid, Map<String, String> counts) {
            store.save(record(RunRecord.SUCCEEDED, Optional.of(Instant.now()), rowsIn, rowsValid, Optional.empty(),
                    merged(counts)));
        }

        void failed(RunStore store, String error, Map<String, String> counts) {
            store.save(record(RunRecord.FAILED, Optional.of(Instant.now()), 0, 0, Optional.of(error),
                    merged(counts)));
        }

        private Map<String, String> merged(Map<String, String> counts) {
            Map<String, String> all = new HashMap<>(details);
            all.putAll(counts);
            return all;
        }

        private RunRecord record(String status, Optional<Instant> finishedAt, long rowsRead, long rowsWritten,
                Optional<String> error, Map<String, String> recordDetails) {
            return new RunRecord(id, kind, product.toString(), status, startedAt, finishedAt, rowsRead, rowsWritten,
                    Optional.empty(), Optional.of(fingerprint), error, recordDetails);
        }
    }

    /** Reports progress to the request's listener. */
    private record Progress(ProgressListener listener, long startNanos) {
        void report(String phase, long rows, double fraction) {
            listener.progress(new ProgressListener.Progress(phase, rows, fraction, elapsed(startNanos)));
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String hostName() {
        return LineageEvents.localLakeName();
    }
}
