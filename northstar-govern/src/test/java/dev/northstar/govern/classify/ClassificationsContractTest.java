package dev.northstar.govern.classify;

import static dev.northstar.govern.classify.InMemoryColumnLineage.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans, review and effective classification on real Iceberg tables, contracts applied through the registry and
 * suggestions in the metadata database; run by a subclass per metadata backend.
 */
abstract class ClassificationsContractTest {
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    static final TableId CUSTOMERS = TableId.parse("crm.customers");
    static final TableId CONTACTS = TableId.parse("mart.contacts");
    private static final String CUSTOMERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:crm:customers
            name: Customers
            version: 1.0.0
            status: active
            domain: crm
            dataProduct: crm
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                  - name: email
                    logicalType: string
                  - name: iban
                    logicalType: string
                    classification: restricted
                  - name: contact
                    logicalType: string
                    classification: public
                  - name: city
                    logicalType: string
            """;
    private static final String CONTACTS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:mart:contacts
            name: Contacts
            version: 2.0.0
            status: active
            domain: mart
            dataProduct: marketing
            schema:
              - name: contacts
                properties:
                  - name: email_copy
                    logicalType: string
                  - name: email_hash
                    logicalType: string
                    classification: anonymized
                  - name: email_token
                    logicalType: string
                    customProperties:
                      - property: northstar.anonymised
                        value: true
                  - name: account
                    logicalType: string
            """;
    /** Ten customers: e-mails, valid IBANs, e-mails in a column the contract says is public, cities. */
    private static final String CUSTOMER_ROWS = "SELECT range AS customer_id,"
            + " 'user' || range || '@example.com' AS email,"
            + " ['FR7630006000011234567890189', 'DE89370400440532013000', 'GB82WEST12345698765432'][range % 3 + 1]"
            + " AS iban, 'contact' || range || '@corp.fr' AS contact, 'Lyon' AS city FROM range(10)";

    @TempDir
    Path temporary;

    private final MutableClock clock = new MutableClock(START);
    private JdbcMetadataStore store;
    private Lakehouse lake;
    private ProductRegistry registry;
    private InMemoryColumnLineage lineage;
    private Classifications classifications;

    protected abstract LakeConfig freshConfig(Path home) throws Exception;

    protected abstract void dropDatabases() throws Exception;

    @BeforeEach
    void open() throws Exception {
        LakeConfig config = freshConfig(Files.createDirectories(temporary.resolve("home")));
        store = JdbcMetadataStore.open(config);
        lake = Lakehouse.open(config);
        registry = new ProductRegistry(store.database(), lake, clock);
        lineage = new InMemoryColumnLineage();
        classifications = new Classifications(lake, store.database(), registry, lineage, clock);
        apply("customers.yaml", CUSTOMERS_CONTRACT);
        lake.write(CUSTOMERS, RowSource.sql(CUSTOMER_ROWS), WriteOptions.append());
    }

    @AfterEach
    void close() throws Exception {
        lake.close();
        store.close();
        dropDatabases();
    }

    private void apply(String file, String yaml) throws IOException {
        Path project = Files.createDirectories(temporary.resolve("project-" + file));
        Files.writeString(project.resolve(file), yaml);
        registry.apply(project);
    }

    private Suggestion suggestion(ScanResult result, String column, DataClass dataClass) {
        return result.suggestions().stream()
                .filter(suggestion -> suggestion.column().equals(column) && suggestion.dataClass() == dataClass)
                .findFirst().orElseThrow(() -> new AssertionError("no " + dataClass + " on " + column + " in "
                        + result.suggestions()));
    }

    @Test
    void scanStoresPendingSuggestionsWithMaskedEvidence() {
        ScanResult result = classifications.scan(CUSTOMERS, Classifications.DEFAULT_SAMPLE_ROWS, "alice");

        assertThat(result.scan().sampledRows()).isEqualTo(10);
        assertThat(result.scan().snapshotId()).isEqualTo(lake.describe(CUSTOMERS).currentSnapshot()
                .map(snapshot -> snapshot.snapshotId()));
        assertThat(result.created()).isEqualTo(result.suggestions().size());
        assertThat(result.suggestions()).extracting(s -> s.column() + "=" + s.dataClass().id())
                .containsExactly("contact=pii.email", "email=pii.email", "iban=pii.iban");
        assertThat(result.suggestions()).allMatch(s -> s.status() == Suggestion.Status.PENDING);

        Suggestion iban = suggestion(result, "iban", DataClass.IBAN);
        assertThat(iban.confidence()).isEqualTo(PatternDetector.CHECKSUM_WITH_HINT);
        assertThat(iban.evidence()).isEqualTo(new Evidence("iban", "the IBAN mod-97 checksum", 10, 10, iban.evidence()
                .examples()));
        assertThat(iban.evidence().examples()).hasSize(3).allMatch(example -> example.matches("[A-Z]{2}\\d\\d[ *]+"
                + "[0-9A-Z ]{4,5}"));
        Suggestion email = suggestion(result, "email", DataClass.EMAIL);
        assertThat(email.evidence().examples()).containsOnly("u***@e***.com");

        // Nothing personal reaches the database: every stored example is masked.
        String stored = store.database().call("read evidence", handle -> handle.createQuery(
                "SELECT evidence FROM ns_classification_suggestions").mapTo(String.class).list()).toString();
        assertThat(stored).doesNotContain("user1@", "example.com", "30006000011234567890", "contact1@");

        assertThat(classifications.suggestions(Optional.of(CUSTOMERS), Optional.of(Suggestion.Status.PENDING)))
                .hasSize(3);
        assertThat(classifications.suggestions(Optional.of(CONTACTS), Optional.empty())).isEmpty();
    }

    @Test
    void samplesAreBoundedAndDeterministic() {
        ScanResult first = classifications.scan(CUSTOMERS, 4, "alice");
        assertThat(first.scan().sampledRows()).isEqualTo(4);
        assertThat(suggestion(first, "email", DataClass.EMAIL).evidence().sampled()).isEqualTo(4);
        List<String> ibans = suggestion(first, "iban", DataClass.IBAN).evidence().examples();

        ScanResult second = classifications.scan(CUSTOMERS, 4, "alice");
        assertThat(suggestion(second, "iban", DataClass.IBAN).evidence().examples()).isEqualTo(ibans);
        assertThat(second.updated()).isEqualTo(3);
        assertThat(second.created()).isZero();

        assertThatThrownBy(() -> classifications.scan(CUSTOMERS, 0, "alice"))
                .isInstanceOfSatisfying(NorthstarException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.getMessage()).isEqualTo("Sample size 0 for the scan of crm.customers is out of"
                            + " range");
                    assertThat(error.hint()).isEqualTo("Sample between 1 and 100000 rows (default 1000)");
                });
        assertThatThrownBy(() -> classifications.scan(TableId.parse("crm.customer"), 10, "alice"))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }

    @Test
    void stewardsAcceptAndRejectOnceWithTheirNameAndNote() {
        ScanResult result = classifications.scan(CUSTOMERS, 100, "alice");
        String email = suggestion(result, "email", DataClass.EMAIL).id();
        String contact = suggestion(result, "contact", DataClass.EMAIL).id();

        clock.advance(Duration.ofMinutes(5));
        ListedSuggestion accepted = classifications.accept(email, "bob", Optional.of("customer e-mails"));
        assertThat(accepted.suggestion().status()).isEqualTo(Suggestion.Status.ACCEPTED);
        assertThat(accepted.suggestion().review()).contains(new Suggestion.Review("bob", START.plusSeconds(300)));
        assertThat(accepted.suggestion().note()).contains("customer e-mails");
        ListedSuggestion rejected = classifications.reject(contact, "bob", Optional.empty());
        assertThat(rejected.suggestion().status()).isEqualTo(Suggestion.Status.REJECTED);
        assertThat(rejected.suggestion().note()).isEmpty();

        assertThatThrownBy(() -> classifications.accept(email, "carol", Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.getMessage()).isEqualTo("Suggestion " + email + " (pii.email on"
                            + " crm.customers.email) was already accepted by bob at 2026-11-22T10:05:00Z");
                });
        assertThatThrownBy(() -> classifications.reject("cls-000000000000", "bob", Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(error.hint()).isEqualTo("List the suggestions with 'northstar classify list'");
                });
        assertThatThrownBy(() -> classifications.accept(contact, " ", Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        // A steward may change their mind.
        assertThat(classifications.accept(contact, "carol", Optional.empty()).suggestion().status())
                .isEqualTo(Suggestion.Status.ACCEPTED);
        assertThat(classifications.suggestions(Optional.empty(), Optional.of(Suggestion.Status.PENDING)))
                .extracting(listed -> listed.suggestion().column()).containsExactly("iban");
    }

    @Test
    void rescansKeepReviewsRemoveStalePendingAndReopenRejectedOnlyOnStrongerEvidence() {
        TableId leads = TableId.parse("crm.leads");
        lake.createTable(leads, TableDefinition.of(TableSchema.of(Column.parse("mail:string"),
                Column.parse("phone:string"), Column.parse("card:string"))));
        lake.write(leads, RowSource.sql("SELECT 'pending' AS mail, '06 12 34 56 78' AS phone,"
                + " '4111 1111 1111 1111' AS card FROM range(5)"), WriteOptions.append());
        ScanResult first = classifications.scan(leads, 100, "alice");
        Suggestion mail = suggestion(first, "mail", DataClass.EMAIL);
        assertThat(mail.level()).isEqualTo(ConfidenceLevel.LOW);
        classifications.reject(mail.id(), "bob", Optional.of("a status column"));
        classifications.accept(suggestion(first, "card", DataClass.PAYMENT_CARD).id(), "bob", Optional.empty());

        // Same data: the rejection stands, the acceptance too, the pending phone is refreshed.
        clock.advance(Duration.ofHours(1));
        ScanResult second = classifications.scan(leads, 100, "alice");
        assertThat(second.keptRejected()).isEqualTo(1);
        assertThat(second.updated()).isEqualTo(2);
        assertThat(suggestion(second, "mail", DataClass.EMAIL).status()).isEqualTo(Suggestion.Status.REJECTED);
        assertThat(suggestion(second, "card", DataClass.PAYMENT_CARD).status())
                .isEqualTo(Suggestion.Status.ACCEPTED);
        assertThat(suggestion(second, "phone", DataClass.PHONE).scannedAt()).isEqualTo(START.plusSeconds(3600));

        // Now the column holds e-mails and the phones are gone: the rejection is reopened (LOW to HIGH), the
        // pending phone suggestion is dropped, the accepted card stays although its values changed.
        lake.write(leads, RowSource.sql("SELECT 'lead' || range || '@example.com' AS mail, 'n/a' AS phone,"
                + " 'none' AS card FROM range(5)"), WriteOptions.overwrite());
        ScanResult third = classifications.scan(leads, 100, "alice");
        Suggestion reopened = suggestion(third, "mail", DataClass.EMAIL);
        assertThat(third.reopened()).isEqualTo(1);
        assertThat(reopened.status()).isEqualTo(Suggestion.Status.PENDING);
        assertThat(reopened.review()).isEmpty();
        assertThat(reopened.note()).contains("Reopened by a scan: confidence rose from LOW to HIGH since bob"
                + " rejected it at 2026-11-22T10:00:00Z");
        assertThat(reopened.id()).isEqualTo(mail.id());
        // The phone column still matches its name, with a name-hint-only (low) suggestion.
        assertThat(suggestion(third, "phone", DataClass.PHONE).level()).isEqualTo(ConfidenceLevel.LOW);
        assertThat(suggestion(third, "card", DataClass.PAYMENT_CARD).status()).isEqualTo(Suggestion.Status.ACCEPTED);
    }

    @Test
    void contractIsAuthoritativeAndContradictingSuggestionsAreMarked() {
        ScanResult result = classifications.scan(CUSTOMERS, 100, "alice");
        classifications.accept(suggestion(result, "email", DataClass.EMAIL).id(), "bob", Optional.empty());
        classifications.accept(suggestion(result, "iban", DataClass.IBAN).id(), "bob", Optional.empty());

        TableClassification effective = classifications.effective(CUSTOMERS);
        assertThat(effective.contract()).contains("urn:crm:customers 1.0.0");
        assertThat(effective.lastScan()).map(TableScan::scannedBy).contains("alice");
        Map<String, ColumnClassification> columns = new HashMap<>();
        effective.columns().forEach(column -> columns.put(column.column(), column));
        assertThat(effective.columns()).extracting(ColumnClassification::column)
                .containsExactly("customer_id", "email", "iban", "contact", "city");

        ColumnClassification email = columns.get("email");
        assertThat(email.classes()).singleElement().satisfies(tag -> {
            assertThat(tag.classId()).isEqualTo("pii.email");
            assertThat(tag.source()).isEqualTo(ClassificationSource.ACCEPTED);
            assertThat(tag.confidence()).hasValue(PatternDetector.PATTERN_WITH_HINT);
            assertThat(tag.evidence()).map(Evidence::nameHint).contains("email");
        });
        assertThat(email.personal()).isTrue();

        // The contract's word wins over the accepted suggestion, which agrees with it ("restricted").
        ColumnClassification iban = columns.get("iban");
        assertThat(iban.classes()).extracting(tag -> tag.classId() + "/" + tag.source().label())
                .containsExactly("restricted/contract");
        assertThat(iban.suggestions()).singleElement().satisfies(listed -> {
            assertThat(listed.contractClassification()).contains("restricted");
            assertThat(listed.contradictsContract()).isFalse();
        });

        // The contract says public; the detector found e-mails: listed, marked as contradicting.
        ColumnClassification contact = columns.get("contact");
        assertThat(contact.classes()).extracting(ClassTag::classId).containsExactly("public");
        assertThat(contact.personal()).isFalse();
        assertThat(contact.suggestions()).singleElement().satisfies(listed -> {
            assertThat(listed.suggestion().status()).isEqualTo(Suggestion.Status.PENDING);
            assertThat(listed.contradictsContract()).isTrue();
        });
        assertThat(classifications.suggestions(Optional.empty(), Optional.of(Suggestion.Status.PENDING)))
                .singleElement().satisfies(listed -> assertThat(listed.contradictsContract()).isTrue());
        assertThat(columns.get("city").classes()).isEmpty();
    }

    @Test
    void classesPropagateAlongLineageUnlessAnonymisedOverSeveralHopsAndCycles() throws IOException {
        apply("contacts.yaml", CONTACTS_CONTRACT);
        TableId flat = TableId.parse("mart.flat");
        lake.createTable(flat, TableDefinition.of(TableSchema.of(Column.parse("who:string"),
                Column.parse("token_copy:string"), Column.parse("loop:string"))));
        ScanResult result = classifications.scan(CUSTOMERS, 100, "alice");
        classifications.accept(suggestion(result, "email", DataClass.EMAIL).id(), "bob", Optional.empty());
        classifications.accept(suggestion(result, "iban", DataClass.IBAN).id(), "bob", Optional.empty());
        lineage.edge("crm.customers.email", "mart.contacts.email_copy")
                .edge("crm.customers.email", "mart.contacts.email_hash")
                .edge("crm.customers.email", "mart.contacts.email_token")
                .edge("crm.customers.iban", "mart.contacts.account")
                .edge("mart.contacts.email_copy", "mart.flat.who")
                .edge("mart.contacts.email_token", "mart.flat.token_copy")
                // A cycle through a file outside the lake, back into the flat table.
                .edge("mart.flat.loop", "mart.flat.who")
                .edge(new ColumnRef(new DatasetRef("file", "/tmp/export.csv"), "who"), column("mart.flat.loop"))
                .edge("mart.flat.who", "mart.flat.loop")
                .edge(column("mart.flat.loop"), new ColumnRef(new DatasetRef("file", "/tmp/export.csv"), "who"));

        Map<String, ColumnClassification> contacts = byColumn(classifications.effective(CONTACTS));
        assertThat(contacts.get("email_copy").classes()).singleElement().satisfies(tag -> {
            assertThat(tag.classId()).isEqualTo("pii.email");
            assertThat(tag.source()).isEqualTo(ClassificationSource.PROPAGATED);
            assertThat(tag.path()).containsExactly(column("crm.customers.email"), column("mart.contacts.email_copy"));
            assertThat(tag.evidence()).map(Evidence::nameHint).contains("email");
        });
        // The origin's contract says "restricted", not a personal word: the accepted pii.iban is overridden there,
        // so nothing personal flows into account.
        assertThat(contacts.get("account").classes()).isEmpty();
        assertThat(contacts.get("email_hash").anonymised()).isTrue();
        assertThat(contacts.get("email_hash").classes()).extracting(ClassTag::classId).containsExactly("anonymized");
        assertThat(contacts.get("email_token").anonymised()).isTrue();
        assertThat(contacts.get("email_token").classes()).isEmpty();
        assertThat(contacts.get("email_token").contractClassification()).isEmpty();

        Map<String, ColumnClassification> flatColumns = byColumn(classifications.effective(flat));
        assertThat(flatColumns.get("who").classes()).singleElement().satisfies(tag -> {
            assertThat(tag.classId()).isEqualTo("pii.email");
            assertThat(tag.path()).containsExactly(column("crm.customers.email"), column("mart.contacts.email_copy"),
                    column("mart.flat.who"));
        });
        // Derived from an anonymised column: not personal.
        assertThat(flatColumns.get("token_copy").classes()).isEmpty();
        // The cycle loop -> file -> loop -> who -> loop ends, and loop inherits through who.
        assertThat(flatColumns.get("loop").classes()).singleElement().satisfies(tag -> assertThat(tag.path())
                .containsExactly(column("crm.customers.email"), column("mart.contacts.email_copy"),
                        column("mart.flat.who"), column("mart.flat.loop")));
    }

    @Test
    void scansQuoteColumnNamesAndCheckNestedColumnsByNameOnly() {
        TableId events = TableId.parse("web.events");
        lake.createTable(events, TableDefinition.of(TableSchema.of(Column.parse("order:string"),
                Column.parse("emails:list<string>"), Column.parse("client_ip:string"), Column.parse("at:timestamp"))));
        lake.write(events, RowSource.sql("SELECT 'o' || range AS \"order\", ['a@b.fr'] AS emails,"
                + " '10.0.0.' || range AS client_ip, TIMESTAMP '2026-11-01 10:00:00' AS at FROM range(4)"),
                WriteOptions.append());

        ScanResult result = classifications.scan(events, 100, "alice");

        assertThat(result.suggestions()).extracting(s -> s.column() + "=" + s.dataClass().id() + "/" + s.level())
                .containsExactly("client_ip=pii.ip_address/HIGH", "emails=pii.email/LOW");
        assertThat(suggestion(result, "emails", DataClass.EMAIL).evidence().sampled()).isZero();
    }

    @Test
    void aTableNeverWrittenIsScannedByNamesAlone() {
        TableId empty = TableId.parse("crm.prospects");
        lake.createTable(empty, TableDefinition.of(TableSchema.of(Column.parse("phone:string"))));

        ScanResult result = classifications.scan(empty, 100, "alice");

        assertThat(result.scan().sampledRows()).isZero();
        assertThat(result.scan().snapshotId()).isEmpty();
        assertThat(result.suggestions()).singleElement().satisfies(suggestion -> {
            assertThat(suggestion.dataClass()).isEqualTo(DataClass.PHONE);
            assertThat(suggestion.confidence()).isEqualTo(PatternDetector.HINT_ONLY);
            assertThat(suggestion.evidence().summary()).isEqualTo("name matches 'phone'");
        });
    }

    @Test
    void effectiveOfAnUnknownTableNamesIt() {
        assertThatThrownBy(() -> classifications.effective(TableId.parse("crm.nope")))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }

    private static Map<String, ColumnClassification> byColumn(TableClassification table) {
        Map<String, ColumnClassification> columns = new HashMap<>();
        table.columns().forEach(column -> columns.put(column.column(), column));
        return columns;
    }
}
