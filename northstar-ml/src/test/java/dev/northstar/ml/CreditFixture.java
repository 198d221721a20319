package dev.northstar.ml;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.schema.TableId;

/**
 * Synthetic credit applications built by DuckDB from hashes of the row number (the same rows on every run): two
 * informative features, one with missing values, a noise feature, and a proxy of the protected attribute
 * {@code gender} through which a historical bias reaches the model.
 */
final class CreditFixture {
    static final TableId TABLE = TableId.parse("credit.applications");

    static final String SPEC = """
            kind: Model
            name: credit-default
            description: Probability that an applicant defaults within a year.
            task: binary_classification
            training:
              table: credit.applications
              features: [income, debt_ratio, tenure, postcode_risk]
              label: defaulted
              timestamp: applied_at
              split:
                validation_fraction: 0.25
            params:
              max_depth: 3
              eta: 0.3
              rounds: 30
              seed: 7
            protected_attributes: [gender]
            gates:
              roc_auc_min: 0.7
              disparate_impact_min: 0.8
            costs:
              false_positive: 1
              false_negative: 4
            limitations:
              - Trained on synthetic applications.
            """;

    private CreditFixture() {}

    /** Creates the table with {@code rows} applications, one a minute from 2026-01-01. */
    static void create(Lakehouse lake, int rows) {
        lake.createTableAs(TABLE, select(0, rows), QueryOptions.defaults(), WriteOptions.append());
    }

    /** Appends {@code rows} later applications (a new snapshot). */
    static void append(Lakehouse lake, int from, int rows) {
        lake.write(TABLE, RowSource.sql(select(from, rows)), WriteOptions.append());
    }

    private static String select(int from, int rows) {
        return """
                SELECT id, applied_at, gender,
                       income, CASE WHEN u7 < 0.05 THEN NULL ELSE debt END AS debt_ratio, tenure, postcode_risk,
                       (2.0 * debt - 1.5 * income + 1.2 * bias + 0.6 * (u5 - 0.5) > 0.0) AS defaulted
                FROM (
                  SELECT id, TIMESTAMP '2026-01-01 00:00:00' + id * INTERVAL 1 MINUTE AS applied_at,
                         CASE WHEN u4 < 0.3 THEN 'f' ELSE 'm' END AS gender,
                         CASE WHEN u4 < 0.3 THEN 1.0 ELSE 0.0 END AS bias,
                         u1 AS income, u2 AS debt, round(u3 * 20) AS tenure,
                         0.6 * (CASE WHEN u4 < 0.3 THEN 1.0 ELSE 0.0 END) + 0.4 * u6 AS postcode_risk, u5, u7
                  FROM (
                    SELECT range AS id,
                           (hash(range * 31 + 1) % 1000003) / 1000003.0 AS u1,
                           (hash(range * 31 + 2) % 1000003) / 1000003.0 AS u2,
                           (hash(range * 31 + 3) % 1000003) / 1000003.0 AS u3,
                           (hash(range * 31 + 4) % 1000003) / 1000003.0 AS u4,
                           (hash(range * 31 + 5) % 1000003) / 1000003.0 AS u5,
                           (hash(range * 31 + 6) % 1000003) / 1000003.0 AS u6,
                           (hash(range * 31 + 7) % 1000003) / 1000003.0 AS u7
                    FROM range(FROM_ROW, TO_ROW)))
                """.replace("FROM_ROW", Integer.toString(from)).replace("TO_ROW", Integer.toString(from + rows));
    }
}
