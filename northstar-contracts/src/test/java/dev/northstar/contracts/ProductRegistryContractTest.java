package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ProductRegistry} must do on every metadata database, run by a subclass per backend (SQLite, PostgreSQL)
 * with a real lake (Iceberg tables in a temp dir, DuckDB).
 */
abstract class ProductRegistryContractTest {
    static final TableId ORDERS = new TableId("sales", "orders");
    static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:sales:orders
            name: Orders
            version: 1.0.0
            status: active
            domain: Sales
            dataProduct: web-shop
            schema:
              - name: orders
                description: One row per order
                properties:
                  - name: order_id
                    logicalType: string
                    required: true
                  - name: quantity
                    logicalType: integer
                    physicalType: int
                  - name: amount
                    logicalType: number
                    physicalType: decimal(12,2)
            """;

    @TempDir
    Path temporary;

    private JdbcMetadataStore store;
    private Lakehouse lake;
    private ProductRegistry registry;
    private Path project;
    private LakeConfig config;

    /** A configuration with a fresh, empty catalog and metadata database, its warehouse under {@code home}. */
    protected abstract LakeConfig freshConfig(Path home) throws Exception;

    protected abstract void dropDatabases() throws Exception;

    @BeforeEach
    void open() throws Exception {
        config = freshConfig(Files.createDirectories(temporary.resolve("home")));
        store = JdbcMetadataStore.open(config);
        lake = Lakehouse.open(config);
        registry = new ProductRegistry(store.database(), lake,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        project = Files.createDirectories(temporary.resolve("project"));
    }

    @AfterEach
    void close() throws Exception {
        lake.close();
        store.close();
        dropDatabases();
    }

    private void write(String name, String yaml) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
    }

    private List<String> apply() {
        return registry.apply(project).steps().stream().map(step -> step.action().text() + " " + step.subject())
                .toList();
    }

    private void insertOrder() {
        lake.write(ORDERS, RowSource.sql("SELECT 'ORD-1' AS order_id, 2 AS quantity, 9.99 AS amount"),
                WriteOptions.append());
    }

    private List<String> columns() {
        return lake.describe(ORDERS).columns().stream()
                .map(column -> column.name() + ":" + column.type() + (column.required() ? "!" : "")).toList();
    }

    /** What one of two concurrent applies did: its steps, or the failure's code and message. */
    private record Outcome(List<String> steps, ErrorCode code, String message) {}

    /**
     * Applies {@code first} and {@code second} (two project folders) at the same moment from two threads, each with
     * its own lake, metadata store and registry, as two processes would.
     */
    private List<Outcome> applyConcurrently(Path first, Path second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JdbcMetadataStore otherStore = JdbcMetadataStore.open(config);
                Lakehouse otherLake = Lakehouse.open(config)) {
            ProductRegistry other = new ProductRegistry(otherStore.database(), otherLake);
            List<Future<Outcome>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> applyAfter(start, registry, first)));
            futures.add(pool.submit(() -> applyAfter(start, other, second)));
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(2, TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome applyAfter(CountDownLatch start, ProductRegistry registry, Path folder)
            throws InterruptedException {
        start.await();
        try {
            return new Outcome(registry.apply(folder).steps().stream()
                    .map(step -> step.action().text() + " " + step.subject()).toList(), null, null);
        } catch (NorthstarException e) {
            return new Outcome(List.of(), e.code(), e.getMessage());
        }
    }

    private Path projectWith(String name, String yaml) throws IOException {
        Path folder = Files.createDirectories(temporary.resolve(name));
        Files.writeString(folder.resolve("orders.odcs.yaml"), yaml);
        return folder;
    }

    @Test
    void concurrentAppliesOfTheSameNewVersionStoreItOnceAndBothSucceed() throws Exception {
        for (int index = 0; index < 3; index++) {
            int round = index;
            String yaml = CONTRACT.replace("urn:sales:orders", "urn:sales:orders" + round)
                    .replace("domain: Sales", "domain: Sales" + round);
            List<Outcome> outcomes = applyConcurrently(projectWith("a" + round, yaml), projectWith("b" + round, yaml));

            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.code()).as(outcome.message()).isNull());
            List<String> steps = outcomes.stream().flatMap(outcome -> outcome.steps().stream()).toList();
            assertThat(steps).filteredOn(step -> step.startsWith("stored ")).containsExactly(
                    "stored urn:sales:orders" + round + " 1.0.0");
            assertThat(steps).filteredOn(step -> step.startsWith("created ")).containsExactly(
                    "created sales" + round + ".orders");
            assertThat(registry.versions("urn:sales:orders" + round)).singleElement()
                    .satisfies(version -> assertThat(version.active()).isTrue());
            assertThat(registry.activeContract(new TableId("sales" + round, "orders"))).isPresent();
        }
    }

    @Test
    void concurrentAppliesOfTheSameNewVersionWithDifferentContentGiveOneSuccessAndOneAlreadyExists()
            throws Exception {
        for (int index = 0; index < 3; index++) {
            int round = index;
            String yaml = CONTRACT.replace("urn:sales:orders", "urn:sales:orders" + round)
                    .replace("domain: Sales", "domain: Sales" + round);
            List<Outcome> outcomes = applyConcurrently(projectWith("a" + round, yaml),
                    projectWith("b" + round, yaml.replace("name: Orders", "name: Orders (edited)")));

            assertThat(outcomes).filteredOn(outcome -> outcome.code() == null).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome.code() != null).singleElement()
                    .satisfies(failed -> {
                        assertThat(failed.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                        assertThat(failed.message()).contains("Version 1.0.0 of", "urn:sales:orders" + round,
                                "with different content");
                    });
            assertThat(registry.versions("urn:sales:orders" + round)).singleElement()
                    .satisfies(version -> assertThat(version.active()).isTrue());
        }
    }

    @Test
    void createsTheTablesAndStoresTheVersion() throws IOException {
        write("sales/orders.odcs.yaml", CONTRACT);

        assertThat(apply()).containsExactly("created sales.orders", "stored urn:sales:orders 1.0.0");

        assertThat(columns()).containsExactly("order_id:string!", "quantity:int", "amount:decimal(12,2)");
        ActiveContract active = registry.activeContract(ORDERS).orElseThrow();
        assertThat(active.version()).isEqualTo("1.0.0");
        assertThat(active.schemaObject().name()).isEqualTo("orders");
        assertThat(active.contract().dataProduct()).isEqualTo("web-shop");
        assertThat(registry.yaml("urn:sales:orders", "1.0.0")).contains(CONTRACT);
        assertThat(registry.yaml("urn:sales:orders", "9.9.9")).isEmpty();
        assertThat(active.appliedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(active.policy().onViolation()).isEqualTo(EnforcementPolicy.OnViolation.QUARANTINE);
        assertThat(registry.activeContract(new TableId("sales", "other"))).isEmpty();

        List<DataProduct> products = registry.products();
        assertThat(products).hasSize(1);
        assertThat(products.get(0).domain()).isEqualTo("sales");
        assertThat(products.get(0).name()).isEqualTo("web-shop");
        assertThat(products.get(0).contracts()).singleElement().satisfies(version -> {
            assertThat(version.tables()).containsExactly(ORDERS);
            assertThat(version.sha256()).isEqualTo(ProductRegistry.sha256(CONTRACT));
            assertThat(version.source()).endsWith("orders.odcs.yaml");
        });
    }

    @Test
    void aDryRunPlansButChangesNothing() throws IOException {
        write("orders.yaml", CONTRACT);

        ApplyResult plan = registry.apply(project, true);

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.steps()).extracting(step -> step.text(true))
                .containsExactly("would create sales.orders (" + project.resolve("orders.yaml") + "): 3 columns",
                        "would store urn:sales:orders 1.0.0 (" + project.resolve("orders.yaml")
                                + "): in force for [sales.orders]");
        assertThat(lake.exists(ORDERS)).isFalse();
        assertThat(registry.versions("urn:sales:orders")).isEmpty();

        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 0.9.0"));
        apply();
        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 0.8.0"));
        assertThatThrownBy(() -> registry.apply(project, true))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void applyingTheSameContentAgainIsANoOp() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();

        ApplyResult again = registry.apply(project);

        assertThat(again.changedAnything()).isFalse();
        assertThat(again.steps()).extracting(step -> step.action().text() + " " + step.subject())
                .containsExactly("unchanged sales.orders", "unchanged urn:sales:orders 1.0.0");
        assertThat(registry.versions("urn:sales:orders")).hasSize(1);
    }

    @Test
    void theSameVersionWithOtherContentIsRefused() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();
        write("orders.yaml", CONTRACT.replace("description: One row per order", "description: Orders"));

        assertThatThrownBy(this::apply)
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> {
                            assertThat(error.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                            assertThat(error.hint()).contains("1.0.1");
                        })
                .hasMessageContaining("Version 1.0.0 of contract 'urn:sales:orders' 1.0.0")
                .hasMessageContaining("with different content");
    }

    @Test
    void aCompatibleChangeEvolvesTheTableInPlace() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();
        insertOrder();
        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 1.1.0")
                .replace("physicalType: int\n", "physicalType: bigint\n")
                .replace("decimal(12,2)", "decimal(16,2)")
                .replace("        required: true\n", "")
                + "      - name: coupon\n        logicalType: string\n");

        ApplyResult result = registry.apply(project);

        assertThat(result.steps()).extracting(ApplyResult.Step::toString).first().asString()
                .startsWith("evolved sales.orders (")
                .contains("widened quantity from int to long", "widened amount from decimal(12,2) to decimal(16,2)",
                        "made order_id optional", "added column coupon string");
        assertThat(columns()).containsExactly("order_id:string", "quantity:long", "amount:decimal(16,2)",
                "coupon:string");
        assertThat(lake.query("SELECT order_id, quantity, coupon FROM sales.orders",
                dev.northstar.lake.QueryOptions.defaults()).rows())
                .containsExactly(java.util.Arrays.asList("ORD-1", 2L, null));
        assertThat(registry.activeContract(ORDERS).orElseThrow().version()).isEqualTo("1.1.0");
        assertThat(registry.versions("urn:sales:orders")).extracting(ContractVersion::version,
                ContractVersion::active).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1.0.0", false),
                        org.assertj.core.groups.Tuple.tuple("1.1.0", true));
    }

    @Test
    void aBreakingChangeToATableWithDataNeedsANewMajorVersion() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();
        insertOrder();
        String withoutQuantity = CONTRACT.replace("""
                      - name: quantity
                        logicalType: integer
                        physicalType: int
                """, "");
        write("orders.yaml", withoutQuantity.replace("version: 1.0.0", "version: 1.1.0"));

        assertThatThrownBy(this::apply)
                .isInstanceOfSatisfying(NorthstarException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_SCHEMA_CHANGE);
                    assertThat(error.hint()).contains("version: 2.0.0");
                })
                .hasMessageContaining("makes breaking changes to version 1.0.0, whose tables [sales.orders] hold data")
                .hasMessageContaining("schema[orders].properties[quantity]: column 'quantity' removed");
        assertThat(registry.activeContract(ORDERS).orElseThrow().version()).isEqualTo("1.0.0");

        write("orders.yaml", withoutQuantity.replace("version: 1.0.0", "version: 2.0.0"));
        assertThat(registry.apply(project).steps().get(0).toString())
                .contains("kept column quantity, no longer in the contract, with its data");
        assertThat(registry.activeContract(ORDERS).orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(columns()).contains("quantity:int");
    }

    @Test
    void aBreakingChangeToAnEmptyTableRecreatesIt() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();
        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 1.0.1")
                .replace("physicalType: int\n", "physicalType: varchar(5)\n")
                .replace("logicalType: integer", "logicalType: string"));

        assertThat(apply()).containsExactly("recreated sales.orders", "stored urn:sales:orders 1.0.1");
        assertThat(columns()).containsExactly("order_id:string!", "quantity:string", "amount:decimal(12,2)");
    }

    @Test
    void aTypeIcebergCannotChangeOnATableWithDataIsRefusedEvenWithANewMajor() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();
        insertOrder();
        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 2.0.0")
                .replace("physicalType: int\n", "physicalType: varchar(5)\n")
                .replace("logicalType: integer", "logicalType: string"));

        assertThatThrownBy(this::apply)
                .isInstanceOfSatisfying(NorthstarException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_SCHEMA_CHANGE);
                    assertThat(error.hint()).contains("orders_v2");
                })
                .hasMessageContaining("cannot change these column types in place: quantity from int to string");
        assertThat(registry.versions("urn:sales:orders")).hasSize(1);
    }

    @Test
    void anOlderVersionIsRefused() throws IOException {
        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 1.2.0"));
        apply();
        write("orders.yaml", CONTRACT.replace("version: 1.0.0", "version: 1.1.0"));

        assertThatThrownBy(this::apply)
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("is not newer than version 1.2.0, which is in force");
    }

    @Test
    void nothingIsAppliedWhenAnyFileHasProblems() throws IOException {
        write("a-orders.yaml", CONTRACT);
        write("b-broken.yaml", CONTRACT.replace("id: urn:sales:orders", "id: urn:sales:returns")
                .replace("- name: orders", "- name: returns").replace("logicalType: number", "logicalType: money"));
        write("c-product.yml", "apiVersion: v1.0.0\nkind: DataProduct\nid: shop\n");
        write("notes.txt", "not yaml, ignored");

        assertThatThrownBy(this::apply)
                .isInstanceOfSatisfying(ContractException.class, error -> assertThat(error.problems())
                        .extracting(ContractProblem::toString).containsExactly(
                                project.resolve("b-broken.yaml") + ":20:9: schema[0].properties[2].logicalType: "
                                        + "logicalType 'money' is not an ODCS logical type (Use one of string, date, "
                                        + "timestamp, time, number, integer, object, array, boolean)",
                                project.resolve("c-product.yml") + ":2:1: kind: kind 'DataProduct' is not supported "
                                        + "yet: 'northstar apply' reads data contracts and the cockpit's kinds "
                                        + "(UseCase...) (Move the file out of the "
                                        + "folder, or write an ODCS data contract with 'kind: DataContract')"))
                .hasMessageStartingWith("2 problems in 2 files:");
        assertThat(lake.exists(ORDERS)).isFalse();
        assertThat(registry.products()).isEmpty();
    }

    @Test
    void twoContractsCannotGovernOneTable() throws IOException {
        write("orders.yaml", CONTRACT);
        apply();
        write("orders.yaml", CONTRACT.replace("id: urn:sales:orders", "id: urn:sales:orders-copy"));

        assertThatThrownBy(this::apply)
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.ALREADY_EXISTS))
                .hasMessageContaining("Table sales.orders of contract 'urn:sales:orders-copy' 1.0.0")
                .hasMessageContaining("is governed by contract 'urn:sales:orders'");
    }

    @Test
    void aMissingFolderOrAnEmptyOneIsReported() throws IOException {
        assertThatThrownBy(() -> registry.apply(temporary.resolve("missing")))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
        assertThatThrownBy(() -> registry.apply(project))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("holds no *.yaml or *.yml files");
    }

    @Test
    void anExplicitFileListAppliesOnlyThoseFiles() throws IOException {
        write("orders.yaml", CONTRACT);
        write("usecase.yaml", "apiVersion: northstar/v1\nkind: UseCase\nid: churn\n");

        ApplyResult result = registry.apply(List.of(project.resolve("orders.yaml")), false);

        assertThat(result.steps()).extracting(step -> step.action().text()).containsExactly("created", "stored");
        assertThat(lake.exists(ORDERS)).isTrue();
        assertThatThrownBy(() -> registry.apply(List.of(), false))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void partitioningComesFromTheContract() throws IOException {
        write("events.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:web:events
                version: 1.0.0
                status: active
                domain: web
                schema:
                  - name: events
                    properties:
                      - name: occurred_at
                        logicalType: timestamp
                        logicalTypeOptions:
                          timezone: true
                      - name: region
                        logicalType: string
                        partitioned: true
                        partitionKeyPosition: 1
                    customProperties:
                      - property: northstar.partitioning
                        value: day(occurred_at), region
                """);
        apply();
        TableInfo info = lake.describe(new TableId("web", "events"));
        assertThat(info.partitioning()).extracting(field -> field.text()).containsExactly("day(occurred_at)", "region");
        assertThat(info.columns()).extracting(TableInfo.ColumnInfo::type).containsExactly("timestamptz", "string");
    }
}
