package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractVersion;
import dev.northstar.contracts.DataProduct;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestStatus;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handlers of the data product and contract lint routes: thin adapters from HTTP to {@link DataProducts}. */
final class ProductEndpoints {
    /** Media type of contract documents. */
    static final String YAML = "text/yaml";
    /** Quarantined rows returned unless the request says otherwise. */
    static final int DEFAULT_QUARANTINE_ROWS = 100;
    /** Largest contract text the lint route reads. */
    static final int MAX_LINT_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(ProductEndpoints.class);

    private final DataProducts products;
    private final GovernedReads reads;

    ProductEndpoints(DataProducts products, GovernedReads reads) {
        this.products = requireNonNull(products, "products is null");
        this.reads = requireNonNull(reads, "reads is null");
    }

    void list(Context ctx) {
        ctx.json(new ProductBodies.ProductList(summaries(products)));
    }

    /** Every product with its tables, as the API and the console's product list show them. */
    static List<ProductBodies.ProductSummary> summaries(DataProducts products) {
        List<ProductBodies.ProductSummary> summaries = new ArrayList<>();
        for (DataProduct product : products.products()) {
            List<ProductBodies.ProductTable> tables = new ArrayList<>();
            for (ContractVersion contract : product.contracts()) {
                for (DataProducts.ProductTable table : products.tables(contract)) {
                    String team = products.contract(table.table()).contract().team().name();
                    tables.add(ProductBodies.ProductTable.of(table, team));
                }
            }
            summaries.add(new ProductBodies.ProductSummary(product.domain(), product.name(), List.copyOf(tables)));
        }
        return List.copyOf(summaries);
    }

    void describe(Context ctx) {
        ActiveContract active = products.contract(TableEndpoints.tableId(ctx));
        ctx.json(ProductBodies.ProductDetail.of(active, products.version(active)));
    }

    void contract(Context ctx) {
        ctx.contentType(YAML + "; charset=utf-8").result(products.contractYaml(TableEndpoints.tableId(ctx)));
    }

    void runs(Context ctx) {
        TableId table = TableEndpoints.tableId(ctx);
        products.contract(table);
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(value -> value >= 1 && value <= DataProducts.MAX_RUNS,
                        "must be between 1 and " + DataProducts.MAX_RUNS)
                .getOrDefault(50);
        ctx.json(new ProductBodies.RunList(table.toString(),
                products.runs(table, limit).stream().map(ProductBodies.RunSummary::of).toList()));
    }

    void quality(Context ctx) {
        TableId table = TableEndpoints.tableId(ctx);
        products.contract(table);
        ctx.json(quality(products, table));
    }

    static ProductBodies.Quality quality(DataProducts products, TableId table) {
        return new ProductBodies.Quality(table.toString(),
                products.latestCheck(table).map(ProductBodies.CheckRunBody::of),
                products.metricHistory(table).entrySet().stream()
                        .map(entry -> ProductBodies.MetricSeries.of(entry.getKey(), entry.getValue())).toList());
    }

    void slos(Context ctx) {
        TableId table = TableEndpoints.tableId(ctx);
        products.contract(table);
        ctx.json(new ProductBodies.SloList(table.toString(),
                products.slos(table).stream().map(ProductBodies.SloDetail::of).toList()));
    }

    void quarantine(Context ctx) {
        TableId table = TableEndpoints.tableId(ctx);
        Optional<String> run = Optional.ofNullable(ctx.queryParam("run")).filter(text -> !text.isBlank());
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(value -> value >= 1 && value <= DataProducts.MAX_QUARANTINE_ROWS,
                        "must be between 1 and " + DataProducts.MAX_QUARANTINE_ROWS)
                .getOrDefault(DEFAULT_QUARANTINE_ROWS);
        ctx.json(new ProductBodies.QuarantineList(table.toString(), run,
                reads.quarantine(ctx, AuditTrail.API, GovernedReads.purpose(ctx.queryParam("purpose")), products,
                        table, run, limit).stream().map(ProductBodies.QuarantinedRow::of).toList()));
    }

    /**
     * Ingests the uploaded file (see {@link IngestUpload}); the temporary file is deleted whatever happens.
     *
     * @throws NorthstarException {@code INVALID_DATA} when the contract's policy failed the run (nothing committed;
     *     the run is recorded FAILED), besides the failures of {@link #ingestUpload}
     */
    void ingest(Context ctx) {
        TableId table = TableEndpoints.tableId(ctx);
        IngestResult result = ingestUpload(products, ctx, table);
        if (result.status() == IngestStatus.FAILED) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, result.failure().orElse("The run failed")
                    + " (run " + result.runId() + ", nothing committed)",
                    "Fix the file or the contract, or relax northstar.onViolation / northstar.maxQuarantineShare");
        }
        ctx.json(ProductBodies.IngestSummary.of(table, result));
    }

    /**
     * Receives the upload of a request and ingests it into a governed table, the one way the API and the console
     * both do it.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when no contract governs the table (checked before the
     *     upload is read), {@code PAYLOAD_TOO_LARGE} above {@code ingest.max-upload-bytes}, {@code INVALID_ARGUMENT}
     *     for a bad form, the codes of ingestion for an unreadable file
     */
    static IngestResult ingestUpload(DataProducts products, Context ctx, TableId table) {
        products.contract(table);
        try (IngestUpload upload = IngestUpload.receive(ctx, products.maxUploadBytes())) {
            IngestResult result = products.ingest(table, upload.source(), upload.force());
            LOG.info("{} ingested {} into {}: run {} {}, {} rows in, {} valid, {} quarantined",
                    Authentication.principal(ctx).name(), upload.file().getFileName(), table, result.runId(),
                    result.status(), result.rowsIn(), result.rowsValid(), result.rowsQuarantined());
            return result;
        }
    }

    void lint(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_LINT_BYTES) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The contract is " + body.length
                    + " bytes, more than the " + MAX_LINT_BYTES + " the lint route reads",
                    "Lint large contracts with 'northstar contract lint FILE'");
        }
        String yaml = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (yaml.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The request body is empty",
                    "Send the contract's YAML text as the body, with Content-Type: " + YAML);
        }
        ctx.json(ProductBodies.LintResult.of(DataProducts.lint(yaml)));
    }
}
