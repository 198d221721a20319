package dev.northstar.cli;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditedPrivacy;
import dev.northstar.govern.privacy.Privacy;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ContractRules;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the ingest and quarantine commands open: the lake, the metadata store and ingestion, and the rules of a
 * product (its active contract, else its table schema).
 */
final class IngestContext implements AutoCloseable {
    final Lakehouse lake;
    final JdbcMetadataStore store;
    final Ingestion ingestion;

    private IngestContext(Lakehouse lake, JdbcMetadataStore store, Ingestion ingestion) {
        this.lake = lake;
        this.store = store;
        this.ingestion = ingestion;
    }

    static IngestContext open(NorthstarCommand root) {
        Settings settings = root.settings(root.initializedHome());
        LakeConfig config = LakeConfig.from(settings);
        Lakehouse lake = Lakehouse.open(config);
        try {
            JdbcMetadataStore store = JdbcMetadataStore.open(config);
            // Columns the contract protects (northstar.protect) are pseudonymised, encrypted... before being written.
            return new IngestContext(lake, store, new Ingestion(lake, store, IngestSettings.from(settings),
                    Privacy.open(lake, store.database(), settings,
                            AuditedPrivacy.of(new AuditLog(store.database()))).collection()));
        } catch (RuntimeException e) {
            lake.close();
            throw e;
        }
    }

    /** The rules of the product's active contract, or those its table schema implies when no contract governs it. */
    ProductRules rules(TableId product) {
        lake.describe(product); // TABLE_NOT_FOUND with close matches
        return new ProductRegistry(store.database(), lake).activeContract(product)
                .map(ContractRules::of)
                .orElseGet(() -> ProductRules.fromTable(lake.describe(product)));
    }

    /** Prints a run summary: text, or with {@code json} one JSON object as the last line. */
    static void printSummary(PrintWriter out, String what, TableId product, IngestResult result, boolean json) {
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run_id", result.runId());
            summary.put("product", product.toString());
            summary.put("status", result.status().name());
            summary.put("rows_in", result.rowsIn());
            summary.put("rows_valid", result.rowsValid());
            summary.put("rows_quarantined", result.rowsQuarantined());
            summary.put("rows_warned", result.rowsWarned());
            summary.put("duration_ms", result.durationMillis());
            result.failure().ifPresent(failure -> summary.put("failure", failure));
            summary.put("reasons", result.sampleReasons());
            out.println(JsonText.write(summary));
            out.flush();
            return;
        }
        switch (result.status()) {
            case SKIPPED -> out.println("Skipped: " + what + " was already ingested into " + product + " by run "
                    + result.runId() + "; pass --force to ingest it again");
            case FAILED -> out.println("Failed: nothing committed to " + product + " (run " + result.runId() + ")");
            default -> out.println(what + " into " + product + ": " + Quantities.count(result.rowsIn()) + " rows in, "
                    + Quantities.count(result.rowsValid()) + " valid, " + Quantities.count(result.rowsQuarantined())
                    + " quarantined" + (result.rowsWarned() > 0 ? ", " + Quantities.count(result.rowsWarned())
                    + " with warnings" : "") + " in " + result.durationMillis() + " ms (run " + result.runId() + ")");
        }
        if (!result.sampleReasons().isEmpty() && result.status() != dev.northstar.ingest.IngestStatus.SKIPPED) {
            out.println("  first reasons:");
            result.sampleReasons().forEach(reason -> out.println("    " + reason));
            out.println("  all of them: northstar quarantine show " + product
                    + (what.startsWith("Ingested") ? " --run " + result.runId() : ""));
        }
        out.flush();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            lake.close();
        }
    }
}
