package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.ColumnMask;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The governed SQL gateway's overhead against its ceiling, raw DuckDB reading the same Parquet files.
 *
 * <p>N rows are written once through the lakehouse. Each run times the same scan-aggregate three ways: raw DuckDB
 * {@code read_parquet} over the committed files with the row filter written by hand; the gateway for a principal
 * whose policy allows the table unrestricted; and the gateway for a principal whose policy row-filters
 * ({@code region <> 'other'}) and masks a column (REDACT on {@code sku}), which is compared with raw DuckDB running the
 * same filter. Both DuckDB databases keep Parquet footers between queries ({@code parquet_metadata_cache}). The target is
 * gateway ≤ 1.1 × DuckDB + 2 ms. Medians over the runs after one untimed warm-up.
 *
 * <p>Run it with: {@code ./northstar bench gateway --rows 10000000 --runs 5}
 */
public final class GatewayBenchmark {
    private static final TableId TABLE = new TableId("bench", "gateway_events");
    private static final String FILTER = "region <> 'other'";
    private static final Principal OWNER = new Principal("owner", Set.of("engineer"), Map.of());
    private static final Principal ANALYST = new Principal("analyst", Set.of("analyst"), Map.of());

    private final GatewayBenchmark.Options options;
    private final PrintWriter progress;

    /**
     * What to run.
     *
     * @param rows rows written once
     * @param runs timed runs (the median is reported)
     * @param workDirectory empty scratch directory; deleted at the end
     */
    public record Options(long rows, int runs, Path workDirectory) {
        public Options {
            RunSize.check(rows, runs, workDirectory);
        }
    }

    public GatewayBenchmark(Options options, PrintWriter progress) {
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public GatewayBenchmarkResult run() {
        LakeConfig config = LakeConfig.embedded(options.workDirectory().resolve("northstar"));
        List<Long> raw = new ArrayList<>();
        List<Long> unrestricted = new ArrayList<>();
        List<Long> rawFiltered = new ArrayList<>();
        List<Long> governed = new ArrayList<>();
        try (Lakehouse lake = Lakehouse.open(config); Connection duckdb = rawDuckDb(config)) {
            progress.printf(Locale.ROOT, "bench gateway: %,d rows x %d runs, %d DuckDB threads%n", options.rows(),
                    options.runs(), config.duckdbThreads());
            progress.flush();
            lake.createTable(TABLE, TableDefinition.of(LakeBenchmark.SCHEMA));
            lake.write(TABLE, RowSource.sql(LakeBenchmark.rowsQuery(options.rows())), WriteOptions.append());
            TableAccess masked = new TableAccess(TABLE, true, Set.of(),
                    Map.of("sku", new ColumnMask(ColumnMask.Kind.REDACT, Map.of())), List.of(FILTER),
                    List.of("allow: analysts, filtered and masked"));
            SqlGateway gateway = new SqlGateway(lake, (principal, purpose, table, columns) ->
                    principal.equals(OWNER) ? TableAccess.unrestricted(table, "allow: owner") : masked,
                    "benchmark-key-of-thirty-two-byte".getBytes(StandardCharsets.UTF_8));
            String files = "read_parquet('" + dataDirectory(lake.describe(TABLE)).resolve("**").resolve("*.parquet")
                    + "')";
            String query = String.format(Locale.ROOT, LakeBenchmark.AGGREGATE, TABLE);
            String rawQuery = String.format(Locale.ROOT, LakeBenchmark.AGGREGATE, files);
            String rawFilteredQuery = String.format(Locale.ROOT, LakeBenchmark.AGGREGATE,
                    "(SELECT * FROM " + files + " WHERE " + FILTER + ")");
            for (int run = 0; run <= options.runs(); run++) {
                long start = System.nanoTime();
                List<List<Object>> rawRows = rows(duckdb, rawQuery);
                long rawTime = System.nanoTime() - start;
                start = System.nanoTime();
                QueryResult all = gateway.query(OWNER, Optional.empty(), query, QueryOptions.defaults()).result();
                long unrestrictedTime = System.nanoTime() - start;
                start = System.nanoTime();
                List<List<Object>> rawFilteredRows = rows(duckdb, rawFilteredQuery);
                long rawFilteredTime = System.nanoTime() - start;
                start = System.nanoTime();
                QueryResult filtered = gateway.query(ANALYST, Optional.empty(), query, QueryOptions.defaults())
                        .result();
                long governedTime = System.nanoTime() - start;
                check(all, rawRows, "unrestricted");
                check(filtered, rawFilteredRows, "filtered");
                if (run == 0) {
                    continue; // warm-up
                }
                raw.add(rawTime);
                unrestricted.add(unrestrictedTime);
                rawFiltered.add(rawFilteredTime);
                governed.add(governedTime);
                progress.printf(Locale.ROOT, "  run %d: duckdb %,d ms | gateway %,d ms; filtered+masked: duckdb %,d ms"
                                + " | gateway %,d ms%n", run, rawTime / 1_000_000, unrestrictedTime / 1_000_000,
                        rawFilteredTime / 1_000_000, governedTime / 1_000_000);
                progress.flush();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("raw DuckDB failed: " + e.getMessage(), e);
        } finally {
            ScratchFiles.delete(options.workDirectory());
        }
        return new GatewayBenchmarkResult(options.rows(), options.runs(), raw, unrestricted, rawFiltered, governed);
    }

    /** Both sides must count the same rows per group. */
    private static void check(QueryResult gateway, List<List<Object>> duckdb, String what) {
        List<Long> gatewayCounts = gateway.rows().stream().map(row -> ((Number) row.get(1)).longValue()).toList();
        List<Long> duckdbCounts = duckdb.stream().map(row -> ((Number) row.get(1)).longValue()).toList();
        if (!gatewayCounts.equals(duckdbCounts)) {
            throw new IllegalStateException("The " + what + " queries disagree: gateway " + gatewayCounts
                    + ", DuckDB " + duckdbCounts);
        }
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Connection rawDuckDb(LakeConfig config) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("threads", Integer.toString(config.duckdbThreads()));
        config.duckdbMemoryLimit().ifPresent(limit -> properties.setProperty("memory_limit", limit));
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement statement = connection.createStatement()) {
            // The gateway's query database keeps Parquet footers between queries; so does the ceiling.
            statement.execute("SET parquet_metadata_cache = true");
        }
        return connection;
    }

    private static Path dataDirectory(TableInfo info) {
        String location = info.location();
        Path table = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return table.resolve("data");
    }

}
