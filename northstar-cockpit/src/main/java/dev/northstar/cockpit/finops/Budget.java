package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.cockpit.kpi.DefinitionReader;
import dev.northstar.cockpit.kpi.Parsed;
import dev.northstar.cockpit.notify.Recipient;
import dev.northstar.spi.error.NorthstarException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A monthly budget on a scope of the platform's costs ({@code kind: Budget}): a domain, a data product, a use case or
 * a tag; alerts are raised when the month's attributed cost crosses each threshold (a percentage of the amount).
 *
 * @param name the budget's name
 * @param scope what it covers: {@code DOMAIN}, {@code PRODUCT}, {@code USECASE} or {@code TAG}
 * @param scopeValue the domain, product ({@code domain.product} or {@code domain.table}), use case id or tag
 * @param amount the budget of a month, in the price model's currency
 * @param thresholds percentages of the amount that raise an alert, ascending, e.g. 80 and 100
 * @param recipients who is told of an alert: e-mail addresses and named webhooks ({@code webhook:finops}), see
 *     {@link Recipient}
 */
public record Budget(String name, CostAttribution.Dimension scope, String scopeValue, double amount,
        List<Integer> thresholds, List<String> recipients) {
    /** The kind of the YAML document. */
    public static final String KIND = "Budget";
    /** Thresholds when the document gives none. */
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(80, 100);

    private static final Set<String> TOP = Set.of("name", "description", "scope", "amount", "currency",
            "thresholds", "notify");
    private static final Set<String> SCOPES = Set.of("domain", "product", "usecase", "use_case", "tag");

    public Budget {
        requireNonNull(name, "name is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(scopeValue, "scopeValue is null");
        thresholds = List.copyOf(new TreeSet<>(thresholds));
        recipients = List.copyOf(recipients);
    }

    /**
     * Parses a {@code kind: Budget} document.
     *
     * @param source where it came from (a file name), for positions
     */
    public static Parsed<Budget> parse(String source, String yaml) {
        DefinitionReader reader = new DefinitionReader(source, yaml, KIND, TOP);
        if (reader.root().isEmpty()) {
            return reader.result(() -> null);
        }
        JsonNode root = reader.root().get();
        Optional<String> name = reader.name(root, "", "name", "retail-monthly");
        CostAttribution.Dimension scope = null;
        String scopeValue = null;
        JsonNode scopeNode = root.path("scope");
        if (!scopeNode.isObject() || scopeNode.size() != 1) {
            reader.problem(root.has("scope") ? "scope" : "", "The budget needs a scope with exactly one of domain,"
                    + " product, usecase or tag", "Write e.g. 'scope: {domain: retail}'");
        } else {
            reader.unknown(scopeNode, "scope", SCOPES);
            String field = scopeNode.fieldNames().next();
            if (SCOPES.contains(field)) {
                try {
                    scope = CostAttribution.Dimension.parse(field);
                } catch (NorthstarException e) {
                    reader.problem("scope." + field, e.getMessage(), "Use domain, product, usecase or tag");
                }
                scopeValue = reader.text(scopeNode, "scope", field, "retail").orElse(null);
            }
        }
        Optional<Double> amount = reader.number(root, "", "amount", Optional.empty(), 0, true);
        List<Integer> thresholds = new ArrayList<>();
        List<String> texts = root.has("thresholds") ? reader.texts(root, "", "thresholds") : List.of();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).replace("%", "").trim();
            try {
                int percent = Integer.parseInt(text);
                if (percent < 1 || percent > 1000) {
                    throw new NumberFormatException();
                }
                thresholds.add(percent);
            } catch (NumberFormatException e) {
                reader.problem("thresholds[" + i + "]", "Invalid threshold '" + texts.get(i) + "'",
                        "Write whole percentages of the amount from 1 to 1000, e.g. [80, 100]");
            }
        }
        if (thresholds.isEmpty() && texts.isEmpty()) {
            thresholds.addAll(DEFAULT_THRESHOLDS);
        }
        List<String> notify = new ArrayList<>();
        List<String> written = reader.texts(root, "", "notify");
        for (int i = 0; i < written.size(); i++) {
            try {
                notify.add(Recipient.parse(written.get(i)).text());
            } catch (NorthstarException e) {
                reader.problem("notify[" + i + "]", e.getMessage(), java.util.Objects.requireNonNullElse(e.hint(), Recipient.HINT));
            }
        }
        CostAttribution.Dimension parsedScope = scope;
        String parsedValue = scopeValue;
        return reader.result(() -> new Budget(name.orElseThrow(), parsedScope, parsedValue, amount.orElseThrow(),
                thresholds, notify));
    }
}
