package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.source.JdbcSource;
import dev.northstar.lake.LocalPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JDBC sources against the local PostgreSQL: full snapshots and incremental reads by a cursor column. */
class JdbcIngestionTest extends IngestTestBase {
    private String schema;

    @BeforeEach
    void createSourceTable() throws Exception {
        LocalPostgres.require("JdbcIngestionTest");
        schema = LocalPostgres.createSchema();
        execute("CREATE TABLE " + schema + ".sales (id BIGINT, name TEXT, amount NUMERIC(10,2),"
                + " updated_at TIMESTAMP)");
        execute("INSERT INTO " + schema + ".sales VALUES (1, 'a', 10, '2026-01-01 10:00:00'),"
                + " (2, 'b', 5000, '2026-01-02 10:00:00'), (3, 'c', 30, '2026-01-03 10:00:00')");
    }

    @AfterEach
    void dropSourceSchema() throws Exception {
        if (schema != null) {
            LocalPostgres.dropSchema(schema);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = LocalPostgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private JdbcSource source() {
        return JdbcSource.snapshot(LocalPostgres.SERVER_URL, Optional.of(LocalPostgres.USER), Optional.empty(),
                JdbcSource.tableQuery(schema + ".sales"));
    }

    @Test
    void fullSnapshotIsValidatedAndIdempotent() {
        IngestResult first = ingestion.ingest(IngestRequest.of(source(), orderRules()));

        assertThat(first.rowsIn()).isEqualTo(3);
        assertThat(first.rowsValid()).isEqualTo(2);
        assertThat(first.rowsQuarantined()).isEqualTo(1);
        assertThat(rows("SELECT _record, _source FROM shop.orders__quarantine")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo(2L);
                    assertThat((String) row.get(1)).contains("SELECT * FROM " + schema + ".sales");
                });
        assertThat(ingestion.ingest(IngestRequest.of(source(), orderRules())).status())
                .isEqualTo(IngestStatus.SKIPPED);
        assertThat(ingestion.ingest(IngestRequest.of(source(), orderRules()).withForce(true)).rowsIn())
                .isEqualTo(3);
    }

    @Test
    void incrementalReadsOnlyRowsAfterTheLastCursor() throws Exception {
        JdbcSource incremental = source().withCursor("updated_at");
        IngestResult first = ingestion.ingest(IngestRequest.of(incremental, orderRules()));
        assertThat(first.rowsIn()).isEqualTo(3);
        assertThat(ingestion.lastCursor(ORDERS, "updated_at")).contains("2026-01-03 10:00:00");

        execute("INSERT INTO " + schema + ".sales VALUES (4, 'd', 40, '2026-01-04 10:00:00'),"
                + " (5, 'e', 50, '2026-01-05 10:00:00')");
        IngestResult second = ingestion.ingest(IngestRequest.of(incremental, orderRules()));
        assertThat(second.status()).isEqualTo(IngestStatus.SUCCEEDED);
        assertThat(second.rowsIn()).isEqualTo(2);
        assertThat(ingestion.lastCursor(ORDERS, "updated_at")).contains("2026-01-05 10:00:00");

        IngestResult third = ingestion.ingest(IngestRequest.of(incremental, orderRules()));
        assertThat(third.rowsIn()).isZero();
        assertThat(rows("SELECT id FROM shop.orders ORDER BY id")).extracting(row -> row.get(0))
                .containsExactly(1L, 3L, 4L, 5L);
        assertThat(ingestion.lastCursor(ORDERS, "updated_at")).contains("2026-01-05 10:00:00");
    }

    @Test
    void incrementalByANumericCursor() throws Exception {
        ingestion.ingest(IngestRequest.of(source().withCursor("id"), orderRules()));
        execute("INSERT INTO " + schema + ".sales VALUES (10, 'j', 1, NULL)");
        IngestResult next = ingestion.ingest(IngestRequest.of(source().withCursor("id"), orderRules()));
        assertThat(next.rowsIn()).isEqualTo(1);
        assertThat(rows("SELECT name FROM shop.orders WHERE id = 10")).containsExactly(List.of("j"));
    }
}
