package dev.northstar.ingest;

import dev.northstar.ingest.plan.OnViolation;
import dev.northstar.ingest.plan.ValidationPlan;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The quarantine table of a product loaded into the session for a replay: every row into {@value #ALL} (with a
 * position {@code _qid}), and the rows to re-validate (status {@code quarantined}, with raw values) rebuilt as a raw
 * source table whose {@code _record} is that position.
 *
 * <p>The quarantine table is read with {@link QuarantineTable#read} into memory: fine for quarantines of up to a few
 * million rows, which is what a quarantine should stay.
 *
 * @param columns source columns found in the raw values
 * @param candidates rows to re-validate
 */
record ReplayBatch(List<String> columns, long candidates) {
    static final String ALL = "ns_quarantine_all";

    static ReplayBatch load(Lakehouse lake, Connection connection, TableId product) {
        TableId quarantine = QuarantineTable.of(product);
        List<QuarantinedRow> rows = QuarantineTable.read(lake, product, QuarantineFilter.all(), Integer.MAX_VALUE);
        Ingestion.execute(connection, "CREATE OR REPLACE TEMP TABLE " + ALL + " (_qid BIGINT, _raw_values VARCHAR,"
                + " _raw_line VARCHAR, _source VARCHAR, _line BIGINT, _record BIGINT, _reasons VARCHAR,"
                + " _run_id VARCHAR, _ingested_at VARCHAR, _status VARCHAR)", "prepare the replay");
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + ALL + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long position = 0;
            for (QuarantinedRow row : rows) {
                insert.setLong(1, ++position);
                insert.setString(2, row.rawValues().orElse(null));
                insert.setString(3, row.rawLine().orElse(null));
                insert.setString(4, row.source());
                setLong(insert, 5, row.line());
                setLong(insert, 6, row.record());
                insert.setString(7, QuarantineTable.reasonsJson(row.reasons()));
                insert.setString(8, row.runId());
                insert.setString(9, row.ingestedAt().map(Instant::toString).orElse(null));
                insert.setString(10, row.status().text());
                insert.addBatch();
                if (position % 5_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot load " + quarantine + " for replay: "
                    + e.getMessage(), null, e);
        }
        String candidates = "SELECT * FROM " + ALL + " WHERE _status = '" + QuarantineStatus.QUARANTINED.text()
                + "' AND _raw_values IS NOT NULL";
        List<String> keys = new ArrayList<>();
        Ingestion.query(connection, "SELECT key FROM (SELECT unnest(json_keys(_raw_values)) AS key, _qid FROM ("
                + candidates + ")) GROUP BY key ORDER BY min(_qid), key", row -> keys.add(row.getString(1)));
        StringBuilder raw = new StringBuilder("CREATE OR REPLACE TEMP TABLE " + Source.RAW_TABLE
                + " AS SELECT _qid AS _record, _line");
        for (String key : keys) {
            String quoted = key.replace("\"", "\\\"").replace("'", "''");
            raw.append(", json_extract_string(_raw_values, '$.\"").append(quoted).append("\"') AS \"")
                    .append(key.replace("\"", "\"\"")).append('"');
        }
        Ingestion.execute(connection, raw + " FROM (" + candidates + ")", "rebuild the quarantined rows");
        Ingestion.execute(connection, "CREATE OR REPLACE TEMP TABLE " + Source.MALFORMED_TABLE
                + " (_record BIGINT, _line BIGINT, _raw_line VARCHAR, _reasons VARCHAR)", "prepare the replay");
        long[] count = new long[1];
        Ingestion.query(connection, "SELECT count(*) FROM " + Source.RAW_TABLE, row -> count[0] = row.getLong(1));
        return new ReplayBatch(keys, count[0]);
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, java.sql.Types.BIGINT);
        }
    }

    /** The whole quarantine table again, rows that now pass marked {@code replayed}. */
    static String rewriteSelect(OnViolation policy) {
        String passed = policy == OnViolation.WARN ? "len(list_filter(_violations, v -> v.blocking)) = 0"
                : "len(_violations) = 0";
        return "SELECT a._raw_values, a._raw_line, a._source, a._line, a._record, a._reasons, a._run_id,"
                + " CAST(a._ingested_at AS TIMESTAMPTZ) AS _ingested_at,"
                + " CASE WHEN c._record IS NOT NULL THEN '" + QuarantineStatus.REPLAYED.text() + "' ELSE a._status END"
                + " AS _status FROM " + ALL + " a LEFT JOIN (SELECT _record FROM " + ValidationPlan.CHECKED_TABLE
                + " WHERE " + passed + ") c ON c._record = a._qid";
    }
}
