package dev.northstar.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.catalog.Glossary;
import dev.northstar.govern.catalog.GlossaryTerm;
import dev.northstar.govern.classify.Classifications;
import dev.northstar.govern.classify.ScanResult;
import dev.northstar.govern.classify.Suggestion;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The demo's governance layer over its tables and products: two tables derived by SQL (so their column lineage is
 * parsed from the query), one outside consumer reported as an OpenLineage event (a BI dashboard reading a derived
 * table), a PII scan of the customer table with one suggestion accepted by a steward (so its class propagates to the
 * derived table) and the others left for review, business glossary terms linked to columns, and access policies
 * for a demo analyst (see {@link #POLICIES} and {@link #ANALYST}).
 */
public final class DemoGovernance {
    /** Revenue per customer, derived from the customers and orders tables. */
    public static final TableId CUSTOMER_REVENUE = new TableId("retail", "customer_revenue");
    /** Partner orders per day and country, derived from the order feed product. */
    public static final TableId PARTNER_DAILY = new TableId("retail", "partner_daily_revenue");
    /** The table scanned for personal data. */
    public static final TableId CUSTOMERS = new TableId("retail", "customers");
    /** A second table scanned, whose suggestions are all left for review. */
    public static final TableId ACCOUNTS = new TableId("banking", "accounts");
    /** Who reviews in the demo. */
    public static final String STEWARD = "demo-steward";
    /** The demo's access policies, resources under {@code /demo/policies/}. */
    public static final List<String> POLICIES = List.of("demo-analysts-retail.yaml", "demo-analysts-banking.yaml");
    /**
     * The analyst the policies are written for: retail with e-mails hashed and French customers only, banking for
     * fraud investigations with account and card numbers partially masked.
     */
    public static final Principal ANALYST = new Principal("demo-analyst", Set.of("analyst"), Map.of("country", "FR"));

    private static final String CUSTOMER_REVENUE_SQL = """
            SELECT c.customer_id, c.email, c.country, count(*) AS orders, sum(o.amount) AS revenue
            FROM retail.customers c JOIN retail.orders o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.email, c.country""";
    private static final String PARTNER_DAILY_SQL = """
            SELECT CAST(ordered_at AS DATE) AS day, country, count(*) AS orders,
                   count(DISTINCT customer_email) AS buyers, sum(amount) AS revenue
            FROM retail.order_feed GROUP BY ALL""";

    /** What the governance step made, for the demo's summary. */
    public record Summary(List<TableFromQuery> derived, int suggestions, String accepted, int glossaryTerms,
            List<String> policies) {
        public Summary {
            derived = List.copyOf(derived);
            requireNonNull(accepted, "accepted is null");
            policies = List.copyOf(policies);
        }
    }

    private DemoGovernance() {}

    /** Builds the governance layer; the demo's tables and products must exist. */
    public static Summary build(Lakehouse lake, JdbcMetadataStore store) {
        Lineage lineage = new Lineage(lake, store.database());
        List<TableFromQuery> derived = new ArrayList<>();
        derived.add(lineage.createTableAs(CUSTOMER_REVENUE, CUSTOMER_REVENUE_SQL));
        derived.add(lineage.createTableAs(PARTNER_DAILY, PARTNER_DAILY_SQL));
        lineage.accept(dashboardEvent(lineage.lakeNamespace()));

        Classifications classifications = new Classifications(lake, store.database(),
                () -> lineage.graph().inputsByColumn());
        ScanResult scan = classifications.scan(CUSTOMERS, 1_000, STEWARD);
        ScanResult accounts = classifications.scan(ACCOUNTS, 1_000, STEWARD);
        Suggestion email = scan.suggestions().stream()
                .filter(suggestion -> suggestion.column().equals("email")
                        && suggestion.dataClass().id().equals("pii.email"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The demo's customer e-mails were not detected"));
        classifications.accept(email.id(), STEWARD, Optional.of("Checked with the CRM owner: real customer e-mails"));

        Glossary glossary = new Glossary(store.database(), lake);
        glossary.define(new GlossaryTerm.Definition("Customer", "A person or company that has placed at least one"
                + " order with us or a partner marketplace.", List.of("client", "buyer"), "retail-data",
                GlossaryTerm.Status.APPROVED));
        glossary.define(new GlossaryTerm.Definition("Net revenue", "Order amount after discounts, before tax, in"
                + " euros.", List.of("revenue", "sales", "chiffre d'affaires"), "finance-data",
                GlossaryTerm.Status.APPROVED));
        glossary.define(new GlossaryTerm.Definition("Card authorisation", "An issuer's decision to approve or"
                + " decline a card payment request.", List.of("authorization", "auth"), "cards-data",
                GlossaryTerm.Status.DRAFT));
        glossary.link("Customer", CUSTOMERS, "customer_id", STEWARD);
        glossary.link("Customer", CUSTOMER_REVENUE, "customer_id", STEWARD);
        glossary.link("Net revenue", CUSTOMER_REVENUE, "revenue", STEWARD);
        glossary.link("Net revenue", PARTNER_DAILY, "revenue", STEWARD);
        glossary.link("Card authorisation", DemoProducts.CARD_AUTHORISATIONS, "auth_id", STEWARD);
        // Last: a row filter is checked against the columns of the tables it names, derived ones included.
        PolicyStore policies = new PolicyStore(store.database(), Clock.systemUTC(), PolicyStore.columnsOf(lake));
        policies.installBaseline();
        List<PolicyStore.Applied> applied = policies.apply(POLICIES.stream().map(DemoGovernance::policy).toList(),
                STEWARD);
        return new Summary(derived, scan.suggestions().size() + accounts.suggestions().size(),
                CUSTOMERS + "." + email.column() + " " + email.dataClass().id(),
                glossary.terms().size(), applied.stream().map(PolicyStore.Applied::name).toList());
    }

    private static PolicyStore.Source policy(String name) {
        try (InputStream in = DemoGovernance.class.getResourceAsStream("/demo/policies/" + name)) {
            if (in == null) {
                throw new NorthstarException(ErrorCode.INTERNAL, "The demo policy /demo/policies/" + name
                        + " is missing from the class path", "Rebuild Northstar: the jar is incomplete");
            }
            return new PolicyStore.Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot read the demo policy /demo/policies/" + name
                    + ": " + e, "Rebuild Northstar: the jar is incomplete", e);
        }
    }

    /** A BI tool's OpenLineage event: its dashboard reads the derived customer revenue table. */
    static String dashboardEvent(String lakeNamespace) {
        return """
                {"eventType": "COMPLETE", "eventTime": "2026-11-19T06:00:00Z",
                 "producer": "https://github.com/apache/superset",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "%s"},
                 "job": {"namespace": "superset://bi", "name": "dashboard.customer_value"},
                 "inputs": [{"namespace": "%s", "name": "%s"}],
                 "outputs": [{"namespace": "superset://bi", "name": "dashboards.customer_value"}]}
                """.formatted(UUID.nameUUIDFromBytes(lakeNamespace.getBytes(StandardCharsets.UTF_8)),
                lakeNamespace, CUSTOMER_REVENUE);
    }
}
