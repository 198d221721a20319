package dev.northstar.features;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The card transactions source table of the tests: rows written into a real Iceberg table. */
final class CardTransactions {
    static final TableId TABLE = TableId.parse("finance.card_transactions");

    /** One transaction. */
    record Row(String card, Instant time, Double amount, String merchant, String country) {}

    private CardTransactions() {}

    static void create(Lakehouse lake) {
        lake.createTable(TABLE, TableDefinition.of(TableSchema.of(Column.parse("card_id:string"),
                Column.parse("event_time:timestamp"), Column.parse("amount:double"),
                Column.parse("merchant_id:string"), Column.parse("country:string"))));
    }

    static void write(Lakehouse lake, List<Row> rows) {
        for (int start = 0; start < rows.size(); start += 2000) {
            List<String> values = new ArrayList<>();
            for (Row row : rows.subList(start, Math.min(rows.size(), start + 2000))) {
                values.add("(" + text(row.card()) + ", TIMESTAMP '" + timestamp(row.time()) + "', "
                        + (row.amount() == null ? "NULL" : "CAST(" + row.amount() + " AS DOUBLE)") + ", "
                        + text(row.merchant()) + ", " + text(row.country()) + ")");
            }
            lake.write(TABLE, RowSource.sql("SELECT * FROM (VALUES " + String.join(", ", values)
                    + ") AS t(card_id, event_time, amount, merchant_id, country)"), WriteOptions.append());
        }
    }

    static String timestamp(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC).toString().replace('T', ' ');
    }

    private static String text(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
