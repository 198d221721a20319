package dev.northstar.cockpit.finops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hourly roll-up of the audit log's reads: what it counts, incrementally, and never twice. */
class UsageRollupTest {
    private static final Instant START = Instant.parse("2027-03-01T00:00:00Z");

    @TempDir
    Path directory;

    private JdbcMetadataStore store;
    private MutableClock clock;
    private AuditLog log;

    @BeforeEach
    void open() {
        store = JdbcMetadataStore.open(LakeConfig.embedded(directory));
        clock = new MutableClock(START);
        log = new AuditLog(store.database(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void read(String principal, String channel, List<String> tables, long millis) {
        log.append(new AuditEvent(principal, AuditEvent.DATA_READ, tables, Optional.empty(),
                AuditEvent.Decision.ALLOWED, Optional.of(1L), Map.of("channel", channel, AuditEvent.DURATION_MS,
                        Long.toString(millis))));
    }

    @Test
    void countsReadsByHourTableAndPrincipalIncrementally() {
        UsageRollup usage = new UsageRollup(store.database());
        read("ada", "sql", List.of("retail.orders", "retail.customers"), 300);
        clock.advance(Duration.ofMinutes(30));
        read("bob", "api", List.of("retail.orders"), 100);
        log.append(new AuditEvent("eve", AuditEvent.DATA_DENIED, List.of("hr.salaries"), Optional.empty(),
                AuditEvent.Decision.DENIED, Optional.empty(), Map.of("channel", "sql")));
        log.append(AuditEvent.change("ada", AuditEvent.POLICY_CHANGE, List.of("retail.orders"), Map.of()));
        clock.advance(Duration.ofHours(1));
        read("kpi-runner", UsageRollup.KPI_CHANNEL, List.of("retail.orders"), 50);

        assertThat(usage.catchUp()).isEqualTo(5);
        assertThat(usage.catchUp()).isZero();
        Instant end = START.plus(Duration.ofHours(3));
        assertThat(usage.tables(START, end)).isEqualTo(Map.of(
                "retail.orders", new UsageRollup.TableReads(3, 150 + 100 + 50),
                "retail.customers", new UsageRollup.TableReads(1, 150)));
        // The first hour only: the KPI's read came an hour and a half later.
        assertThat(usage.tables(START, START.plus(Duration.ofHours(1))).get("retail.orders"))
                .isEqualTo(new UsageRollup.TableReads(2, 250));
        assertThat(usage.hours(START, end)).hasSize(3);
        // Adoption: ada, bob and eve read (eve was refused); the KPI's reads are not people's.
        assertThat(usage.readers(START, end)).isEqualTo(3);
        assertThat(usage.reads(START, end)).isEqualTo(3);
        // Cost per query: answered reads on every channel.
        assertThat(usage.answered(START, end)).isEqualTo(3);
        assertThat(usage.lastReads(START)).containsEntry("retail.orders",
                START.plus(Duration.ofHours(2)).toEpochMilli() - 1);

        // What is appended later is added to what was rolled up, in the hours it falls in.
        read("ada", "sql", List.of("retail.orders"), 1000);
        assertThat(usage.tables(START, end).get("retail.orders")).isEqualTo(new UsageRollup.TableReads(4, 1300));
    }

    @Test
    void twoRollUpsOfOneDatabaseCountEachEntryOnce() {
        UsageRollup first = new UsageRollup(store.database());
        UsageRollup second = new UsageRollup(store.database());
        for (int i = 0; i < 12_000; i++) {
            read("user-" + (i % 7), "sql", List.of("retail.orders"), 2);
            if (i % 3_000 == 0) {
                first.catchUp();
            } else if (i % 3_000 == 1_500) {
                second.catchUp();
            }
        }
        assertThat(first.catchUp() + second.catchUp()).isPositive();
        Instant end = clock.instant().plusMillis(1);
        assertThat(second.tables(START, end).get("retail.orders")).isEqualTo(new UsageRollup.TableReads(12_000,
                24_000));
        assertThat(first.readers(START, end)).isEqualTo(7);
        assertThat(first.reads(START, end)).isEqualTo(12_000);
    }
}
