package dev.northstar.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link FeatureViewParser}: the YAML format, and every problem reported at its line and column. */
class FeatureViewParserTest {
    static final String CARD_VELOCITY = """
            kind: FeatureView
            name: card_velocity
            description: Spending velocity of a card
            entities: [card_id]
            timestamp: event_time
            source:
              table: finance.card_transactions
              stream: card-transactions
            ttl: 7d
            features:
              - {name: txn_count_10m, aggregation: count, window: 10m}
              - {name: amount_sum_1h, column: amount, aggregation: sum, window: 1h}
              - {name: amount_avg_24h, column: amount, aggregation: avg, window: 24h}
              - {name: amount_max_7d, column: amount, aggregation: max, window: 7d}
              - {name: amount_min_7d, column: amount, aggregation: min, window: 7d}
              - {name: merchants_24h, column: merchant_id, aggregation: count_distinct, window: 24h}
              - {name: last_country, column: country, aggregation: last}
              - {name: night_share_7d, expression: "CASE WHEN hour(event_time) < 6 THEN 1 ELSE 0 END", aggregation: avg, window: 7d}
            """;

    @Test
    void parsesTheCardVelocityView() {
        FeatureView view = FeatureViewParser.parse(CARD_VELOCITY, "card_velocity.yaml");
        assertThat(view.name()).isEqualTo("card_velocity");
        assertThat(view.entities()).containsExactly("card_id");
        assertThat(view.timestamp()).isEqualTo("event_time");
        assertThat(view.source()).isEqualTo(TableId.parse("finance.card_transactions"));
        assertThat(view.stream()).contains("card-transactions");
        assertThat(view.ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(view.featureNames()).containsExactly("txn_count_10m", "amount_sum_1h", "amount_avg_24h",
                "amount_max_7d", "amount_min_7d", "merchants_24h", "last_country", "night_share_7d");
        Feature count = view.features().get(0);
        assertThat(count.aggregation()).isEqualTo(Aggregation.COUNT);
        assertThat(count.window()).contains(Duration.ofMinutes(10));
        assertThat(count.valueSql()).isEmpty();
        Feature last = view.features().get(6);
        assertThat(last.window()).isEmpty();
        assertThat(last.effectiveWindow(view.ttl())).isEqualTo(Duration.ofDays(7));
        assertThat(view.features().get(7).valueSql()).contains("(CASE WHEN hour(event_time) < 6 THEN 1 ELSE 0 END)");
        assertThat(view.materialisedTable()).isEqualTo(TableId.parse("features.card_velocity"));
    }

    @Test
    void theTtlDefaultsToTheLongestWindow() {
        FeatureView view = FeatureViewParser.parse("""
                kind: FeatureView
                name: accounts
                entities: [bank, account]
                timestamp: at
                source: {table: finance.transfers}
                features:
                  - {name: n_1h, aggregation: count, window: 1h}
                  - {name: n_2d, aggregation: count, window: 2d}
                """, "accounts.yaml");
        assertThat(view.ttl()).isEqualTo(Duration.ofDays(2));
        assertThat(view.stream()).isEqualTo(Optional.empty());
        assertThat(view.entities()).containsExactly("bank", "account");
    }

    @Test
    void reportsEveryProblemAtItsLineAndColumn() {
        String yaml = """
                kind: FeatureView
                name: Card-Velocity
                entities: [card_id]
                timestamp: event_time
                source: {table: card_transactions, region: eu}
                ttl: 1h
                features:
                  - {name: n, aggregation: median, window: 10m}
                  - {name: total, aggregation: sum, window: 1w}
                  - {name: last_country, column: country, aggregation: last, window: 1h}
                  - {name: peak, column: amount, aggregation: max, window: 2h}
                  - {name: card_id, aggregation: count, window: 1m}
                """;
        assertThatThrownBy(() -> FeatureViewParser.parse(yaml, "bad.yaml"))
                .isInstanceOfSatisfying(FeatureViewException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.problems()).extracting(YamlProblem::toString).containsExactly(
                            "bad.yaml:2:1: name: Invalid view name 'Card-Velocity' (Start with a lower-case letter;"
                                    + " use lower-case letters, digits and underscores)",
                            "bad.yaml:5:36: source.region: Unknown field 'region' (Known fields here: [stream, table])",
                            "bad.yaml:5:10: source.table: Table 'card_transactions' must be written domain.table,"
                                    + " e.g. retail.orders (Write 'table: domain.table')",
                            "bad.yaml:8:15: features[0].aggregation: Unknown aggregation 'median' (Use count, sum,"
                                    + " avg, min, max, count_distinct or last)",
                            "bad.yaml:9:5: features[1]: Aggregation sum needs a column or an expression"
                                    + " (Add e.g. 'column: amount')",
                            "bad.yaml:9:37: features[1].window: Invalid window '1w' (Write e.g. '10m', '1h', '24h'"
                                    + " or '7d' (a positive whole number of s, m, h or d))",
                            "bad.yaml:10:62: features[2].window: 'last' has no window: it looks back as far as the"
                                    + " view's ttl (Remove the window, or use min/max/avg over a window)",
                            "bad.yaml:12:6: features[4].name: The name 'card_id' is already used by another"
                                    + " feature, an entity or the timestamp (Rename it)",
                            "bad.yaml:6:1: ttl: The ttl 1h is shorter than the longest window (PT2H) (Make the ttl"
                                    + " at least the longest window: an entity idle for longer than the ttl has empty"
                                    + " windows anyway)");
                });
    }

    @Test
    void expressionsAreOneDeterministicPerRowExpression() {
        List<String> refused = List.of("(SELECT max(amount) FROM finance.card_transactions)",
                "random() * amount", "amount FROM x; DROP TABLE y; SELECT 1", "sum(amount)",
                "amount - lag(amount) OVER (ORDER BY event_time)", "read_csv('/etc/passwd') IS NULL",
                "epoch(now()) - epoch(event_time)", "1) FROM source_row, finance.secret --");
        for (String expression : refused) {
            String yaml = "kind: FeatureView\nname: v\nentities: [k]\ntimestamp: t\nsource: {table: a.b}\n"
                    + "features:\n  - name: f\n    aggregation: avg\n    window: 1h\n    expression: \""
                    + expression.replace("\"", "\\\"") + "\"\n";
            assertThat(FeatureViewParser.lint(yaml, "v.yaml")).as(expression).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("features[0].expression");
                assertThat(problem.line()).isEqualTo(10);
            });
        }
        assertThat(FeatureViewParser.lint("kind: FeatureView\nname: v\nentities: [k]\ntimestamp: t\n"
                + "source: {table: a.b}\nfeatures:\n  - {name: f, aggregation: avg, window: 1h,"
                + " expression: \"coalesce(amount, 0) * 100 + length(country)\"}\n", "v.yaml")).isEmpty();
    }

    @Test
    void invalidYamlNamesItsPosition() {
        assertThat(FeatureViewParser.lint("kind: FeatureView\nname: [unclosed\n", "broken.yaml"))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.message()).startsWith("Not valid YAML");
                    assertThat(problem.line()).isGreaterThanOrEqualTo(2);
                });
    }
}
