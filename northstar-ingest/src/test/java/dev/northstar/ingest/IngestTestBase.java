package dev.northstar.ingest;

import dev.northstar.ingest.plan.ColumnRules;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh embedded lake and metadata store with a product {@code shop.orders (id!, name, amount)}. */
abstract class IngestTestBase {
    static final TableId ORDERS = TableId.parse("shop.orders");
    static final TableId ORDERS_QUARANTINE = TableId.parse("shop.orders__quarantine");

    @TempDir
    Path home;

    Lakehouse lake;
    JdbcMetadataStore store;
    Ingestion ingestion;

    @BeforeEach
    void openLake() {
        LakeConfig config = LakeConfig.embedded(home.resolve("data"));
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        ingestion = new Ingestion(lake, store, IngestSettings.defaults());
        lake.createTable(ORDERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                Column.parse("name:string"), Column.parse("amount:decimal(10,2)"))));
    }

    @AfterEach
    void closeLake() {
        if (store != null) {
            store.close();
        }
        if (lake != null) {
            lake.close();
        }
    }

    /** id unique, amount at most 1000. */
    ProductRules orderRules() {
        ProductRules fromTable = ProductRules.fromTable(lake.describe(ORDERS));
        return fromTable.withColumns(List.of(
                fromTable.columns().get(0).withUnique(true),
                fromTable.columns().get(1),
                fromTable.columns().get(2).withRange(Optional.empty(), Optional.of("1000"))));
    }

    ColumnRules column(ProductRules rules, String name) {
        return rules.columns().stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
    }

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path file = home.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    long count(TableId table) {
        return ((Number) lake.query("SELECT count(*) FROM " + table, QueryOptions.defaults()).rows().get(0).get(0))
                .longValue();
    }

    List<List<Object>> rows(String sql) {
        return lake.query(sql, QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE)).rows();
    }
}
