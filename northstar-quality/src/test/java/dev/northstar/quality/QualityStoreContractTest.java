package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the quality stores (history and incidents, migration V4) must do on every metadata database, run by a
 * subclass per backend that provides fresh, empty databases.
 */
abstract class QualityStoreContractTest {
    private static final Instant START = Instant.parse("2026-11-02T10:15:30.123Z");
    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableId CUSTOMERS = TableId.parse("shop.customers");

    private final MutableClock clock = new MutableClock(START);
    private JdbcMetadataStore store;
    private QualityHistory history;
    private IncidentStore incidents;

    /** A configuration naming a new, empty database. */
    protected abstract LakeConfig freshDatabase() throws Exception;

    /** Drops the databases made by {@link #freshDatabase()}. */
    protected abstract void dropDatabases() throws Exception;

    @BeforeEach
    void openStores() throws Exception {
        store = JdbcMetadataStore.open(freshDatabase());
        history = new QualityHistory(store.database());
        incidents = new IncidentStore(store.database(), clock);
    }

    @AfterEach
    void closeStores() throws Exception {
        store.close();
        dropDatabases();
    }

    private static CheckRun run(String id, TableId table, Instant at, double rows, double nullPercent) {
        CheckResult rowsResult = new CheckResult("rows", "row_count", OptionalDouble.of(rows), MeasureUnit.ROWS,
                "> 0", rows > 0, Severity.ERROR, "row_count = " + rows + ", expected > 0");
        CheckResult nullResult = new CheckResult("email_nulls", "null_values_percent.email", OptionalDouble.of(
                nullPercent), MeasureUnit.PERCENT, "<= 5", nullPercent <= 5, Severity.WARNING, "null share");
        CheckResult empty = new CheckResult("custom", "sql.custom", OptionalDouble.empty(), MeasureUnit.ROWS, "= 0",
                false, Severity.INFO, "sql.custom: the query returned no value, expected = 0");
        return new CheckRun(id, table, at, Optional.of(42L), List.of(rowsResult, nullResult, empty),
                Map.of("row_count", rows, "null_values_percent.email", nullPercent), 2);
    }

    @Test
    void recordsRunsAndServesMetricSeriesInTimeOrder() {
        history.record(run("r2", ORDERS, START.plusSeconds(60), 120, 1.5));
        history.record(run("r1", ORDERS, START, 100, 0.5));
        history.record(run("r3", ORDERS, START.plusSeconds(120), 130, 7.25));
        history.record(run("c1", CUSTOMERS, START, 9, 0));

        assertThat(history.history(ORDERS, "row_count", Instant.EPOCH)).containsExactly(
                new MetricPoint(START, 100, "r1"),
                new MetricPoint(START.plusSeconds(60), 120, "r2"),
                new MetricPoint(START.plusSeconds(120), 130, "r3"));
        assertThat(history.history(ORDERS, "null_values_percent.email", START.plusSeconds(60)))
                .extracting(MetricPoint::value).containsExactly(1.5, 7.25);
        assertThat(history.history(ORDERS, "nosuch", Instant.EPOCH)).isEmpty();
        assertThat(history.metrics(ORDERS)).containsExactly("null_values_percent.email", "row_count");
    }

    @Test
    void latestRunComesBackWithItsResultsInOrder() {
        history.record(run("r1", ORDERS, START, 100, 0.5));
        CheckRun latest = run("r2", ORDERS, START.plusSeconds(60), 0, 7.25);
        history.record(latest);

        CheckRun read = history.latestRun(ORDERS).orElseThrow();

        assertThat(read.id()).isEqualTo("r2");
        assertThat(read.at()).isEqualTo(latest.at());
        assertThat(read.snapshotId()).contains(42L);
        assertThat(read.results()).isEqualTo(latest.results());
        assertThat(read.metrics()).isEqualTo(latest.metrics());
        assertThat(read.passed()).isFalse();
        assertThat(history.latestRun(CUSTOMERS)).isEmpty();
    }

    @Test
    void raisingTwiceForTheSameCheckUpdatesTheOpenIncident() {
        Incident first = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.WARNING,
                "Check 'rows' failed on shop.orders", "row_count = 0");
        clock.advance(Duration.ofMinutes(5));
        Incident second = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR,
                "Check 'rows' failed on shop.orders", "row_count = 1");
        Incident other = incidents.raise(CUSTOMERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR,
                "Check 'rows' failed on shop.customers", "row_count = 0");

        assertThat(first.id()).matches("inc-[0-9a-f]{12}");
        assertThat(first.status()).isEqualTo(Incident.Status.OPEN);
        assertThat(first.occurrences()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.occurrences()).isEqualTo(2);
        assertThat(second.detail()).isEqualTo("row_count = 1");
        assertThat(second.severity()).isEqualTo(Severity.ERROR);
        assertThat(second.openedAt()).isEqualTo(START);
        assertThat(second.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(incidents.list(Optional.empty(), Optional.empty())).hasSize(2);
    }

    @Test
    void incidentsMoveFromOpenToAcknowledgedToResolved() {
        Incident opened = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d");
        clock.advance(Duration.ofMinutes(1));

        Incident acknowledged = incidents.acknowledge(opened.id(), "alice", Optional.of("looking"));
        assertThat(acknowledged.status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledged()).contains(new Incident.Transition("alice",
                START.plus(Duration.ofMinutes(1)), Optional.of("looking")));
        assertThat(acknowledged.resolved()).isEmpty();

        // A new failure while acknowledged updates the same incident and keeps its status.
        Incident again = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d2");
        assertThat(again.id()).isEqualTo(opened.id());
        assertThat(again.status()).isEqualTo(Incident.Status.ACKNOWLEDGED);

        clock.advance(Duration.ofMinutes(1));
        Incident resolved = incidents.resolve(opened.id(), "bob", Optional.of("reloaded the file"));
        assertThat(resolved.status()).isEqualTo(Incident.Status.RESOLVED);
        assertThat(resolved.resolved()).contains(new Incident.Transition("bob", START.plus(Duration.ofMinutes(2)),
                Optional.of("reloaded the file")));
        assertThat(resolved.acknowledged()).isPresent();

        // After resolution, the next failure opens a new incident.
        Incident reopened = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d3");
        assertThat(reopened.id()).isNotEqualTo(opened.id());
        assertThat(reopened.occurrences()).isEqualTo(1);
        assertThat(incidents.find(opened.id())).contains(resolved);
    }

    @Test
    void aPassingCheckResolvesItsUnresolvedIncidentOnly() {
        Incident failed = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d");
        Incident anomaly = incidents.raise(ORDERS, "anomaly:row_count", Incident.Kind.ANOMALY, Severity.WARNING,
                "t", "d");
        Incident otherTable = incidents.raise(CUSTOMERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t",
                "d");
        incidents.acknowledge(failed.id(), "alice", Optional.empty());
        clock.advance(Duration.ofMinutes(3));
        Instant passedAt = START.plus(Duration.ofMinutes(2));

        Incident resolved = incidents.resolvePassed(ORDERS, "rows", "run-7", passedAt).orElseThrow();

        assertThat(resolved.id()).isEqualTo(failed.id());
        assertThat(resolved.status()).isEqualTo(Incident.Status.RESOLVED);
        assertThat(resolved.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(3)));
        assertThat(resolved.resolved()).contains(new Incident.Transition(IncidentStore.AUTOMATIC,
                START.plus(Duration.ofMinutes(3)), Optional.of("Check 'rows' passed in run run-7 at " + passedAt)));
        assertThat(incidents.find(failed.id())).contains(resolved);
        // Nothing left to resolve; anomalies and other tables are untouched.
        assertThat(incidents.resolvePassed(ORDERS, "rows", "run-8", passedAt)).isEmpty();
        assertThat(incidents.resolvePassed(ORDERS, "anomaly:row_count", "run-8", passedAt)).isEmpty();
        assertThat(incidents.resolvePassed(ORDERS, "never_failed", "run-8", passedAt)).isEmpty();
        assertThat(incidents.find(anomaly.id()).orElseThrow().status()).isEqualTo(Incident.Status.OPEN);
        assertThat(incidents.find(otherTable.id()).orElseThrow().status()).isEqualTo(Incident.Status.OPEN);
        // A person resolving it afterwards is told who did it first.
        assertThatThrownBy(() -> incidents.resolve(failed.id(), "bob", Optional.empty()))
                .hasMessage("Incident " + failed.id() + " was already resolved by northstar at "
                        + START.plus(Duration.ofMinutes(3)));
    }

    @Test
    void invalidTransitionsAndUnknownIdsAreRefused() {
        Incident opened = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d");
        incidents.acknowledge(opened.id(), "alice", Optional.empty());

        assertThatThrownBy(() -> incidents.acknowledge(opened.id(), "carol", Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("Incident " + opened.id()
                            + " was already acknowledged by alice at " + START);
                });
        incidents.resolve(opened.id(), "bob", Optional.empty());
        assertThatThrownBy(() -> incidents.resolve(opened.id(), "bob", Optional.empty()))
                .hasMessage("Incident " + opened.id() + " was already resolved by bob at " + START);
        assertThatThrownBy(() -> incidents.acknowledge("inc-000000000000", "bob", Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("No incident with id 'inc-000000000000'");
                });
    }

    @Test
    void listsIncidentsPerTableAndStatusMostRecentFirst() {
        Incident a = incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d");
        clock.advance(Duration.ofSeconds(1));
        Incident b = incidents.raise(ORDERS, "anomaly:row_count", Incident.Kind.ANOMALY, Severity.WARNING, "t", "d");
        clock.advance(Duration.ofSeconds(1));
        Incident c = incidents.raise(CUSTOMERS, "rows", Incident.Kind.CHECK_FAILED, Severity.ERROR, "t", "d");
        clock.advance(Duration.ofSeconds(1));
        incidents.resolve(a.id(), "bob", Optional.empty());

        assertThat(incidents.list(Optional.empty(), Optional.empty())).extracting(Incident::id)
                .containsExactly(a.id(), c.id(), b.id());
        assertThat(incidents.list(Optional.of(ORDERS), Optional.empty())).extracting(Incident::id)
                .containsExactly(a.id(), b.id());
        assertThat(incidents.list(Optional.empty(), Optional.of(Incident.Status.OPEN))).extracting(Incident::id)
                .containsExactly(c.id(), b.id());
        assertThat(incidents.list(Optional.of(ORDERS), Optional.of(Incident.Status.RESOLVED)))
                .extracting(Incident::id).containsExactly(a.id());
        assertThat(incidents.find(b.id()).orElseThrow().kind()).isEqualTo(Incident.Kind.ANOMALY);
    }

    @Test
    void concurrentRaisesForOneCheckLeaveOneIncident() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Incident>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> incidents.raise(ORDERS, "rows", Incident.Kind.CHECK_FAILED,
                        Severity.ERROR, "t", "d")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Incident> future : futures) {
                ids.add(future.get().id());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(incidents.list(Optional.of(ORDERS), Optional.empty())).singleElement()
                .satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(8));
    }
}
