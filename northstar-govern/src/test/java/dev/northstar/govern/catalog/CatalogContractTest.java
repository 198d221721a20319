package dev.northstar.govern.catalog;

import static dev.northstar.govern.catalog.CatalogFixture.CUSTOMERS;
import static dev.northstar.govern.catalog.CatalogFixture.LEDGER;
import static dev.northstar.govern.catalog.CatalogFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the catalog's entries, usage log, glossary and steward tags (migration V5) must do on every metadata database,
 * run by a subclass per backend that provides a fresh, empty one.
 */
abstract class CatalogContractTest {
    @TempDir
    Path directory;

    private CatalogFixture fixture;
    private Catalog catalog;

    /** A configuration naming a new, empty catalog database, with its warehouse in {@code home}. */
    protected abstract LakeConfig freshDatabase(Path home) throws Exception;

    /** Drops the databases made by {@link #freshDatabase}. */
    protected abstract void dropDatabases() throws Exception;

    @BeforeEach
    void build() throws Exception {
        fixture = new CatalogFixture(directory, freshDatabase(java.nio.file.Files.createDirectories(
                directory.resolve("home"))));
        catalog = fixture.catalog;
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
        dropDatabases();
    }

    @Test
    void anEntryCarriesLakeFactsProductColumnsQualityAndSlos() {
        CatalogEntry orders = catalog.entry(ORDERS);

        assertThat(orders.rows()).isEqualTo(12);
        assertThat(orders.files()).isPositive();
        assertThat(orders.bytes()).isPositive();
        assertThat(orders.lastCommit()).isPresent();
        assertThat(orders.description()).isEqualTo("Orders placed on the web shop by customers");
        CatalogEntry.Product product = orders.product().orElseThrow();
        assertThat(product.name()).isEqualTo("order-book");
        assertThat(product.contractId()).isEqualTo("sales-orders");
        assertThat(product.version()).isEqualTo("1.2.0");
        assertThat(product.status()).isEqualTo("active");
        assertThat(product.usage()).isEqualTo("Revenue reporting");
        assertThat(product.limitations()).isEqualTo("Amounts in EUR only");
        assertThat(orders.owners()).containsExactly("order-team", "grace");
        assertThat(orders.tags()).containsExactly("finance");
        assertThat(orders.quality()).isEqualTo(CatalogEntry.QualityStatus.FAILED);
        assertThat(orders.latestCheck().orElseThrow().failed()).isEqualTo(1);
        assertThat(orders.slos()).extracting(CatalogEntry.SloState::kind)
                .containsExactlyInAnyOrder("completeness", "availability");
        assertThat(orders.columns()).extracting(CatalogEntry.ColumnEntry::name)
                .containsExactly("id", "customer_id", "amount", "status");
        CatalogEntry.ColumnEntry amount = orders.columns().get(2);
        assertThat(amount.classification()).contains("internal");
        assertThat(orders.columns().get(1).description()).isEqualTo("The customer who placed the order");

        CatalogEntry ledger = catalog.entry(LEDGER);
        assertThat(ledger.product()).isEmpty();
        assertThat(ledger.description()).isEqualTo("General ledger entries of the accounting system");
        assertThat(ledger.quality()).isEqualTo(CatalogEntry.QualityStatus.UNCHECKED);
        assertThat(ledger.rows()).isZero();
        assertThat(ledger.lastCommit()).isEmpty();
        assertThat(ledger.slos()).isEmpty();

        assertThat(catalog.entries()).extracting(entry -> entry.table().toString())
                .containsExactly("finance.ledger", "marketing.campaigns", "sales.customers", "sales.orders");
        assertThat(catalog.entries()).allMatch(entry -> entry.slos().isEmpty());
        assertThat(catalog.domains()).isEqualTo(Map.of("finance", 1, "marketing", 1, "sales", 2));
        assertThatThrownBy(() -> catalog.entry(TableId.parse("sales.order")))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }

    @Test
    void usageCountsReadsLastAccessAndDistinctUsersOverTheWindow() {
        QueryResult join = fixture.lake.query("SELECT count(*) FROM sales.orders o JOIN sales.customers c"
                + " ON o.customer_id = c.customer_id", QueryOptions.defaults());
        assertThat(UsageLog.tablesRead(join)).containsExactlyInAnyOrder(ORDERS, CUSTOMERS);
        long snapshot = join.snapshots().get("sales.orders");
        QueryResult travel = fixture.lake.query("SELECT count(*) FROM sales.orders AT (VERSION => " + snapshot + ")",
                QueryOptions.defaults());
        assertThat(UsageLog.tablesRead(travel)).containsExactly(ORDERS);

        UsageLog usage = catalog.usage();
        usage.recordQuery("ada", UsageLog.Channel.API, join);
        fixture.clock.advance(Duration.ofHours(1));
        usage.recordQuery("ada", UsageLog.Channel.CONSOLE, travel);
        usage.record("ben", UsageLog.Channel.PREVIEW, Set.of(ORDERS));

        UsageLog.TableUsage orders = catalog.entry(ORDERS).usage();
        assertThat(orders.queries()).isEqualTo(3);
        assertThat(orders.distinctUsers()).isEqualTo(2);
        assertThat(orders.lastAccess()).contains(fixture.clock.instant());
        assertThat(catalog.entry(CUSTOMERS).usage().queries()).isEqualTo(1);
        assertThat(catalog.entry(LEDGER).usage()).isEqualTo(UsageLog.TableUsage.NONE);

        fixture.clock.advance(UsageLog.WINDOW);
        assertThat(catalog.entry(ORDERS).usage().queries()).as("only reads of the last 30 days count").isEqualTo(2);
        fixture.clock.advance(Duration.ofHours(2));
        assertThat(catalog.entry(ORDERS).usage()).isEqualTo(UsageLog.TableUsage.NONE);
    }

    @Test
    void glossaryTermsAreLinkedToColumnsAndShownOnBothSides() {
        Glossary glossary = catalog.glossary();
        glossary.define(new GlossaryTerm.Definition("Customer", "A person or company that bought at least once",
                List.of("client", "buyer"), "crm-team", GlossaryTerm.Status.APPROVED));
        glossary.link("customer", CUSTOMERS, "customer_id", "bob");
        GlossaryTerm term = glossary.link("CUSTOMER", ORDERS, "Customer_Id", "bob");
        glossary.link("Customer", ORDERS, "customer_id", "bob");

        assertThat(term.links()).extracting(link -> link.table() + "." + link.column())
                .containsExactly("sales.customers.customer_id", "sales.orders.customer_id");
        assertThat(term.synonyms()).containsExactly("client", "buyer");
        assertThat(catalog.entry(ORDERS).columns().get(1).glossaryTerms()).containsExactly("Customer");
        assertThat(glossary.termsByColumn(CUSTOMERS)).isEqualTo(Map.of("customer_id", List.of("Customer")));

        GlossaryTerm updated = glossary.update("customer", new GlossaryTerm.Definition("ignored",
                "Anyone who bought", List.of(), "sales-team", GlossaryTerm.Status.DEPRECATED));
        assertThat(updated.name()).isEqualTo("Customer");
        assertThat(updated.status()).isEqualTo(GlossaryTerm.Status.DEPRECATED);
        assertThat(updated.links()).hasSize(2);

        assertThatThrownBy(() -> glossary.define(new GlossaryTerm.Definition("customer", "again", List.of(), "x",
                GlossaryTerm.Status.DRAFT)))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS))
                .hasMessage("Glossary term 'Customer' already exists");
        assertThatThrownBy(() -> glossary.link("Custmer", ORDERS, "id", "bob"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.hint()).isEqualTo("Did you mean Customer?");
                })
                .hasMessage("No glossary term 'Custmer'");
        assertThatThrownBy(() -> glossary.link("Customer", ORDERS, "amount_eur", "bob"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.hint()).contains("amount");
                })
                .hasMessage("Table sales.orders has no column 'amount_eur'");
        assertThatThrownBy(() -> glossary.link("Customer", TableId.parse("sales.ordrs"), "id", "bob"))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
        assertThatThrownBy(() -> glossary.unlink("Customer", LEDGER, "customer_ref"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> assertThat(e.hint())
                        .isEqualTo("It is linked to sales.customers.customer_id, sales.orders.customer_id"))
                .hasMessage("Glossary term 'Customer' is not linked to finance.ledger.customer_ref");
        assertThatThrownBy(() -> glossary.define(new GlossaryTerm.Definition(" ", "x", List.of(), "x",
                GlossaryTerm.Status.DRAFT)))
                .hasMessage("A glossary term needs a name");

        glossary.unlink("Customer", ORDERS, "customer_id");
        assertThat(catalog.entry(ORDERS).columns().get(1).glossaryTerms()).isEmpty();
        glossary.delete("customer");
        assertThat(glossary.terms()).isEmpty();
        assertThat(glossary.termsByColumn(CUSTOMERS)).isEmpty();
    }

    @Test
    void stewardTagsSitBesideTheContractTags() {
        StewardTags tags = catalog.tags();
        assertThat(tags.add(CUSTOMERS, " GDPR ", "bob")).containsExactly("gdpr");
        assertThat(tags.add(CUSTOMERS, "gdpr", "bob")).containsExactly("gdpr");
        tags.add(CUSTOMERS, "pii", "bob");

        CatalogEntry customers = catalog.entry(CUSTOMERS);
        assertThat(customers.stewardTags()).containsExactly("gdpr", "pii");
        assertThat(customers.tags()).containsExactly("crm", "pii", "gdpr");
        assertThat(tags.all()).isEqualTo(Map.of("sales.customers", List.of("gdpr", "pii")));

        assertThatThrownBy(() -> tags.add(CUSTOMERS, "two words", "bob"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.hint()).contains("e.g. finance or pii:reviewed");
                })
                .hasMessage("Tag 'two words' is not a valid tag");
        assertThatThrownBy(() -> tags.remove(CUSTOMERS, "crm"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.hint()).isEqualTo("Its steward tags are: gdpr, pii");
                })
                .hasMessage("Table sales.customers has no steward tag 'crm'");
        assertThatThrownBy(() -> tags.add(TableId.parse("sales.nothing"), "x", "bob"))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
        assertThat(tags.remove(CUSTOMERS, "GDPR")).containsExactly("pii");
        assertThat(catalog.entry(CUSTOMERS).tags()).containsExactly("crm", "pii");
        assertThat(Optional.of(tags.tags(LEDGER))).contains(List.of());
    }

    @Test
    void theFingerprintMovesWithCommitsContractsQualityAndStewardChangesOnly() {
        String start = catalog.fingerprint();
        assertThat(catalog.fingerprint()).as("nothing changed").isEqualTo(start);
        fixture.lake.query("SELECT count(*) FROM sales.orders", QueryOptions.defaults());
        catalog.usage().record("ada", UsageLog.Channel.API, Set.of(ORDERS));
        assertThat(catalog.fingerprint()).as("reads change usage, not the index").isEqualTo(start);

        fixture.lake.write(LEDGER, dev.northstar.lake.RowSource.sql("SELECT 1 AS entry_id, 'x' AS customer_ref,"
                + " 2.5 AS booked_amount"), dev.northstar.lake.WriteOptions.append());
        String committed = catalog.fingerprint();
        assertThat(committed).as("a commit").isNotEqualTo(start);

        catalog.tags().add(LEDGER, "audited", "bob");
        String tagged = catalog.fingerprint();
        assertThat(tagged).as("a steward tag").isNotEqualTo(committed);
        catalog.tags().add(LEDGER, "audited", "bob");
        assertThat(catalog.fingerprint()).as("the same tag again changes nothing").isEqualTo(tagged);

        catalog.glossary().define(new GlossaryTerm.Definition("Ledger", "The books", List.of(), "finance",
                GlossaryTerm.Status.DRAFT));
        assertThat(catalog.fingerprint()).as("a glossary term").isNotEqualTo(tagged);
    }
}
