package dev.northstar.cli;

import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestStatus;
import dev.northstar.ingest.ProgressListener;
import dev.northstar.ingest.RecoveredRun;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.JdbcSource;
import dev.northstar.ingest.source.Source;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code northstar ingest SOURCE --product P}: contract-enforced ingestion. Valid rows go to the product, the others
 * to its quarantine table with every reason; one run, idempotent by the source's SHA-256.
 */
@Command(name = "ingest",
        description = "Ingest a CSV, JSON/NDJSON or Parquet file into a data product, enforcing its contract: valid "
                + "rows go to the product, the others to <table>__quarantine with their line and every reason.",
        footer = {
            "",
            "The product's active contract decides the rules and the policy (northstar.onViolation, "
                    + "northstar.maxQuarantineShare); without a contract, the table's column types and required "
                    + "columns are enforced. Ingesting a file already ingested into the product is skipped unless "
                    + "--force is given. Runs left half-done by a killed process are undone first (or with "
                    + "--recover).",
            "",
            "Examples:",
            "  northstar ingest orders.csv --product retail.orders",
            "  northstar ingest export.csv.gz --product retail.orders --delimiter ';' --encoding windows-1252 --json",
            "  northstar ingest --jdbc jdbc:postgresql://db/shop --jdbc-user etl --table public.orders \\",
            "      --cursor updated_at --product retail.orders",
            "  northstar ingest --recover --product retail.orders"
        })
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
            description = "A .csv, .tsv, .json, .ndjson, .jsonl or .parquet file (optionally .gz; .zst for CSV).")
    private Path source;

    @Option(names = "--product", required = true, paramLabel = "DOMAIN.TABLE", description = "The product table.")
    private String product;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json, ndjson or parquet (default: from "
            + "the extension).")
    private String format;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter (default: , or tab for .tsv).")
    private String delimiter;

    @Option(names = "--quote", paramLabel = "CHAR", description = "CSV quote character (default: \").")
    private String quote;

    @Option(names = "--escape", paramLabel = "CHAR", description = "CSV escape character (default: the quote).")
    private String escape;

    @Option(names = "--no-header", description = "The CSV file has no header line (columns are column0, column1...).")
    private boolean noHeader;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "utf-8 (default, with or without BOM), iso-8859-1 or windows-1252.")
    private String encoding;

    @Option(names = "--force", description = "Ingest even if this exact file was already ingested into the product.")
    private boolean force;

    @Option(names = "--json", description = "Print the run summary as one JSON object on the last line.")
    private boolean json;

    @Option(names = "--recover", description = "Only undo runs of the product left half-done by a dead process.")
    private boolean recover;

    @Option(names = "--jdbc", paramLabel = "URL", description = "Read from a JDBC database instead of a file, e.g. "
            + "jdbc:postgresql://host/db (password from $" + JDBC_PASSWORD_VARIABLE + ").")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "JDBC user.")
    private String jdbcUser;

    @Option(names = "--query", paramLabel = "SQL", description = "With --jdbc: the SELECT to read.")
    private String query;

    @Option(names = "--table", paramLabel = "TABLE", description = "With --jdbc: a table to read whole.")
    private String table;

    @Option(names = "--cursor", paramLabel = "COLUMN", description = "With --jdbc: read only rows whose COLUMN is "
            + "greater than in the last successful run (incremental).")
    private String cursor;

    static final String JDBC_PASSWORD_VARIABLE = "NORTHSTAR_JDBC_PASSWORD";

    @Override
    public Integer call() {
        TableId id = TableId.parse(product);
        PrintWriter out = spec.commandLine().getOut();
        try (IngestContext context = IngestContext.open(root)) {
            if (recover) {
                List<RecoveredRun> recovered = context.ingestion.recover(id);
                if (json) {
                    out.println(JsonText.write(recovered));
                } else if (recovered.isEmpty()) {
                    out.println("No half-done run on " + id);
                } else {
                    recovered.forEach(run -> out.println("Recovered " + run.kind() + " run " + run.runId() + ": "
                            + run.outcome()));
                }
                out.flush();
                return 0;
            }
            Source input;
            String what;
            if (jdbcUrl != null) {
                input = jdbcSource();
                what = "Ingested " + (table != null ? table : "the query");
            } else {
                if (source == null) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Missing SOURCE: name the file to ingest",
                            "e.g. northstar ingest orders.csv --product " + id + ", or pass --jdbc or --recover");
                }
                Path path = root.environment().resolve(source);
                input = Source.file(path, Optional.ofNullable(format), csvOptions());
                what = "Ingested " + path.getFileName();
            }
            IngestProgressBar bar = IngestProgressBar.forStandardError(input.sizeBytes());
            IngestResult result;
            try {
                result = context.ingestion.ingest(new IngestRequest(input, context.rules(id), force,
                        bar == null ? ProgressListener.NONE : bar));
            } finally {
                if (bar != null) {
                    bar.finish();
                }
            }
            IngestContext.printSummary(out, what, id, result, json);
            if (result.status() == IngestStatus.FAILED) {
                throw new NorthstarException(ErrorCode.INVALID_DATA, result.failure().orElse("The run failed"),
                        "Fix the data or the contract, or relax northstar.onViolation / northstar.maxQuarantineShare");
            }
            return 0;
        }
    }

    private JdbcSource jdbcSource() {
        if (source != null) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Give either SOURCE or --jdbc, not both");
        }
        if ((query == null) == (table == null)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--jdbc needs exactly one of --query or --table",
                    "e.g. --jdbc jdbc:postgresql://host/db --table public.orders");
        }
        JdbcSource jdbc = JdbcSource.snapshot(jdbcUrl, Optional.ofNullable(jdbcUser),
                root.environment().variable(JDBC_PASSWORD_VARIABLE), query != null ? query : JdbcSource.tableQuery(table));
        return cursor == null ? jdbc : jdbc.withCursor(cursor);
    }

    private CsvOptions csvOptions() {
        CsvOptions options = CsvOptions.defaults().withHeader(!noHeader);
        if (delimiter != null) {
            options = options.withDelimiter(delimiter.equals("\t") ? "\\t" : delimiter);
        }
        if (quote != null) {
            options = options.withQuote(quote);
        }
        if (escape != null) {
            options = options.withEscape(escape);
        }
        if (encoding != null) {
            options = options.withEncoding(CsvOptions.Encoding.parse(encoding.toLowerCase(Locale.ROOT)));
        }
        return options;
    }
}
