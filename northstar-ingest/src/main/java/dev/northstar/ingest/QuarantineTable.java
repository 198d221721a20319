package dev.northstar.ingest;

import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;

/** The quarantine table of a product: {@code domain.<table>__quarantine}, created on first use. */
final class QuarantineTable {
    static final String SUFFIX = "__quarantine";
    static final String QUARANTINED = "quarantined";
    static final String WARNED = "warned";
    static final String REPLAYED = "replayed";

    /**
     * Raw values are one JSON text column rather than one column per source column, so the quarantine table never
     * needs evolving when sources or the product change, and rows of every source fit.
     */
    static final TableSchema SCHEMA = TableSchema.of(
            Column.parse("_raw_values:string"),
            Column.parse("_raw_line:string"),
            Column.parse("_source:string"),
            Column.parse("_line:long"),
            Column.parse("_record:long"),
            Column.parse("_reasons:string"),
            Column.parse("_run_id:string"),
            Column.parse("_ingested_at:timestamptz"),
            Column.parse("_status:string"));

    private QuarantineTable() {}

    static TableId of(TableId product) {
        if (product.name().endsWith(SUFFIX)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    product + " is a quarantine table, not a product", "Name the product itself");
        }
        return new TableId(product.domain(), product.name() + SUFFIX);
    }

    static TableId ensure(Lakehouse lake, TableId product) {
        TableId quarantine = of(product);
        if (!lake.exists(quarantine)) {
            try {
                lake.createTable(quarantine, TableDefinition.of(SCHEMA));
            } catch (NorthstarException e) {
                if (e.code() != ErrorCode.TABLE_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        return quarantine;
    }
}
