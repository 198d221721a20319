package dev.northstar.lake.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class YamlFieldsTest {
    private final List<String> problems = new ArrayList<>();

    private YamlFields fields(PositionedYaml.Document document) {
        return new YamlFields(document.positions(), (line, column, path, message, hint) -> problems.add(
                line + ":" + column + " " + path + ": " + message + " (" + hint + ")"));
    }

    private static PositionedYaml.Document read(String yaml) {
        return PositionedYaml.read(yaml, "Write something", "One document", "Split it");
    }

    @Test
    void unknownFieldsSuggestTheClosestOrListTheKnownOnes() {
        PositionedYaml.Document document = read("""
                kind: Model
                training:
                  tabel: orders
                  colour: red
                """);
        JsonNode training = document.root().orElseThrow().path("training");
        fields(document).unknown(training, "training", Set.of("table", "label", "features"));
        assertThat(problems).containsExactly(
                "3:3 training.tabel: Unknown field 'tabel' (Did you mean label or table?)",
                "4:3 training.colour: Unknown field 'colour' (Known fields here: [features, label, table])");
    }

    @Test
    void textsAreListsOfPlainValuesAndProblemsSitAtTheNearestPlace() {
        PositionedYaml.Document document = read("""
                one: single
                many: [a, ' b ']
                bad:
                  - ok
                  - {x: 1}
                  - ''
                mapping: {x: 1}
                """);
        JsonNode root = document.root().orElseThrow();
        YamlFields fields = fields(document);
        assertThat(fields.texts(root, "one", "")).containsExactly("single");
        assertThat(fields.texts(root, "many", "")).containsExactly("a", "b");
        assertThat(fields.texts(root, "absent", "")).isEmpty();
        assertThat(fields.texts(root, "bad", "")).containsExactly("ok");
        assertThat(fields.texts(root, "mapping", "")).isEmpty();
        fields.problem("many[7].deep", "Somewhere inside", "Fix it");
        assertThat(problems).containsExactly(
                "5:5 bad[1]: 'bad' lists plain values; entry 2 is not one (Write e.g. 'bad: [a, b]')",
                "6:5 bad[2]: 'bad' lists plain values; entry 3 is empty (Write e.g. 'bad: [a, b]')",
                "7:1 mapping: 'mapping' is a list (Write e.g. 'mapping: [a, b]')",
                "2:1 many[7].deep: Somewhere inside (Fix it)");
        assertThat(YamlFields.path("", "a")).isEqualTo("a");
        assertThat(YamlFields.path("a", "b")).isEqualTo("a.b");
    }
}
