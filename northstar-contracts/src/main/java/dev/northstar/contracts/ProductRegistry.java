package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.SchemaChange;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Data products: contract versions applied from a project folder, the tables they govern, and the contract in force
 * for each table. Kept in the metadata database ({@code ns_contract_versions}, {@code ns_contract_tables}, migration
 * V2). Thread-safe; one {@link #apply} at a time per registry. Concurrent applies (threads with their own registry, or
 * processes) of the same new version are safe: identical contents give one {@code stored} and one idempotent
 * {@code unchanged}, different contents one success and one {@code ALREADY_EXISTS}.
 *
 * <h2>apply</h2>
 * <ol>
 *   <li>Reads every {@code *.yaml}/{@code *.yml} file under the folder (recursively, in path order). Files of another
 *       {@code kind} than {@code DataContract} are errors ("not supported yet"); {@code northstar apply} gives
 *       the other kinds it knows to their services and the contract files to {@link #apply(List, boolean)}.</li>
 *   <li>Lints them all (parse + {@link ContractValidator}), and checks that each has a {@code domain}, that no two
 *       files share a contract id and that no two contracts govern the same table. Any problem: nothing is applied
 *       and a {@link ContractException} lists every problem.</li>
 *   <li>Plans every contract before changing anything: the same version applied again with the same content is a
 *       no-op; with different content it is refused ({@code ALREADY_EXISTS}); a version not newer than the one in
 *       force is refused; a breaking change (see {@link ContractDiff}) to a contract whose tables hold data needs a
 *       new major version ({@code INVALID_SCHEMA_CHANGE} otherwise); a table governed by another contract is refused
 *       ({@code ALREADY_EXISTS}).</li>
 *   <li>Creates missing tables; evolves existing ones in place (adds columns, widens types, makes columns optional;
 *       columns dropped from the contract stay in the table, made optional, so no data is lost); an empty table
 *       (never written) that differs is dropped and created again. A change Iceberg cannot make in place (a narrowed
 *       or changed type) on a table with data is refused, with the hint to give the schema object a new name.</li>
 *   <li>Stores the new version, in force from now on.</li>
 * </ol>
 */
public final class ProductRegistry {
    private static final String VERSION_COLUMNS = "contract_id, version, name, domain, data_product, status, source,"
            + " sha256, applied_at, active";

    private final MetadataDatabase database;
    private final Lakehouse lake;
    private final Clock clock;
    private final Map<String, DataContract> parsed = new ConcurrentHashMap<>();

    /** A registry on the metadata database, creating and evolving tables in {@code lake}. */
    public ProductRegistry(MetadataDatabase database, Lakehouse lake) {
        this(database, lake, Clock.systemUTC());
    }

    /** With the clock that stamps applied versions (tests). */
    public ProductRegistry(MetadataDatabase database, Lakehouse lake, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    /** The contract in force for a table, if a contract governs it. */
    public Optional<ActiveContract> activeContract(TableId table) {
        requireNonNull(table, "table is null");
        Optional<StoredVersion> stored = database.call("find the contract of " + table, handle -> handle.createQuery(
                        "SELECT v.contract_id, v.version, v.source, v.yaml, v.sha256, v.applied_at, t.schema_object"
                                + " FROM ns_contract_tables t JOIN ns_contract_versions v"
                                + " ON v.contract_id = t.contract_id AND v.version = t.version"
                                + " WHERE t.table_domain = :domain AND t.table_name = :name AND v.active = :active")
                .bind("domain", table.domain())
                .bind("name", table.name())
                .bind("active", true)
                .map((rows, context) -> new StoredVersion(rows.getString("contract_id"), rows.getString("version"),
                        rows.getString("source"), rows.getString("yaml"), rows.getString("sha256"),
                        Instant.ofEpochMilli(rows.getLong("applied_at")), rows.getString("schema_object")))
                .findFirst());
        return stored.map(version -> {
            DataContract contract = contract(version.source(), version.yaml(), version.sha256());
            SchemaObject object = contract.schemaObject(version.schemaObject()).orElseThrow(() ->
                    new NorthstarException(ErrorCode.INTERNAL, "Stored contract " + version.contractId() + " "
                            + version.version() + " has no schema object " + version.schemaObject()));
            return new ActiveContract(table, contract, object, version.version(), version.appliedAt());
        });
    }

    /** Every data product with the active version of each of its contracts, sorted by domain and name. */
    public List<DataProduct> products() {
        List<ContractVersion> active = database.call("list data products", handle -> versions(handle,
                "WHERE active = :active ORDER BY domain, data_product, contract_id", Map.of("active", true)));
        Map<String, List<ContractVersion>> byProduct = new LinkedHashMap<>();
        for (ContractVersion version : active) {
            byProduct.computeIfAbsent(version.domain() + "\u0000" + version.dataProduct(), key -> new ArrayList<>())
                    .add(version);
        }
        return byProduct.values().stream()
                .map(versions -> new DataProduct(versions.get(0).domain(), versions.get(0).dataProduct(), versions))
                .toList();
    }

    /** Every stored version of a contract, oldest first; empty when the contract was never applied. */
    public List<ContractVersion> versions(String contractId) {
        requireNonNull(contractId, "contractId is null");
        return database.call("list the versions of contract " + contractId, handle -> versions(handle,
                "WHERE contract_id = :id ORDER BY major, minor, patch, version", Map.of("id", contractId)));
    }

    /** The stored document of a contract version. */
    public Optional<DataContract> contract(String contractId, String version) {
        return database.call("read contract " + contractId + " " + version, handle -> handle.createQuery(
                        "SELECT source, yaml, sha256 FROM ns_contract_versions WHERE contract_id = :id"
                                + " AND version = :version")
                .bind("id", contractId)
                .bind("version", version)
                .map((rows, context) -> contract(rows.getString("source"), rows.getString("yaml"),
                        rows.getString("sha256")))
                .findFirst());
    }

    /** The YAML text of a contract version, exactly as applied; empty when that version was never applied. */
    public Optional<String> yaml(String contractId, String version) {
        requireNonNull(contractId, "contractId is null");
        requireNonNull(version, "version is null");
        return database.call("read the YAML of contract " + contractId + " " + version, handle -> handle.createQuery(
                        "SELECT yaml FROM ns_contract_versions WHERE contract_id = :id AND version = :version")
                .bind("id", contractId)
                .bind("version", version)
                .mapTo(String.class)
                .findFirst());
    }

    private DataContract contract(String source, String yaml, String sha256) {
        return parsed.computeIfAbsent(sha256 + "\u0000" + source, key -> ContractParser.parse(yaml, source));
    }

    private static List<ContractVersion> versions(Handle handle, String where, Map<String, Object> bindings)
            throws SQLException {
        List<ContractVersion> versions = handle.createQuery("SELECT " + VERSION_COLUMNS
                        + " FROM ns_contract_versions " + where)
                .bindMap(bindings)
                .map((rows, context) -> version(rows, List.of()))
                .list();
        List<ContractVersion> withTables = new ArrayList<>();
        for (ContractVersion version : versions) {
            List<TableId> tables = handle.createQuery("SELECT table_domain, table_name FROM ns_contract_tables"
                            + " WHERE contract_id = :id AND version = :version ORDER BY table_domain, table_name")
                    .bind("id", version.contractId())
                    .bind("version", version.version())
                    .map((rows, context) -> new TableId(rows.getString(1), rows.getString(2)))
                    .list();
            withTables.add(new ContractVersion(version.contractId(), version.version(), version.name(),
                    version.domain(), version.dataProduct(), version.status(), version.source(), version.sha256(),
                    version.appliedAt(), version.active(), tables));
        }
        return withTables;
    }

    private static ContractVersion version(ResultSet rows, List<TableId> tables) throws SQLException {
        return new ContractVersion(rows.getString("contract_id"), rows.getString("version"), rows.getString("name"),
                rows.getString("domain"), rows.getString("data_product"), rows.getString("status"),
                rows.getString("source"), rows.getString("sha256"), Instant.ofEpochMilli(rows.getLong("applied_at")),
                rows.getBoolean("active"), tables);
    }

    private Optional<ContractVersion> activeVersion(String contractId) {
        return versions(contractId).stream().filter(ContractVersion::active).findFirst();
    }

    // ---- apply ----------------------------------------------------------------------------------------------

    /**
     * Applies every contract of a project folder (see the class description).
     *
     * @throws ContractException listing every lint problem of every file (nothing applied)
     * @throws NorthstarException {@code FILE_NOT_FOUND} for a missing folder, {@code INVALID_ARGUMENT} for a folder
     *     without YAML files, {@code ALREADY_EXISTS} for a version re-applied with other content or a table governed
     *     by another contract, {@code INVALID_SCHEMA_CHANGE} for a breaking change without a new major version or a
     *     change Iceberg cannot make to a table with data
     */
    public synchronized ApplyResult apply(Path folder) {
        return apply(folder, false);
    }

    /**
     * Like {@link #apply(Path)}; with {@code dryRun}, checks and plans everything (and fails the same way) but
     * changes nothing, returning the steps it would take.
     */
    public synchronized ApplyResult apply(Path folder, boolean dryRun) {
        return applyDocuments(read(list(folder)), dryRun);
    }

    /**
     * Like {@link #apply(Path, boolean)} for an explicit list of contract files, such as the {@code DataContract}
     * files of a project folder that also holds documents of other kinds (use cases, budgets) applied elsewhere.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for an empty list, and as {@link #apply(Path)}
     */
    public synchronized ApplyResult apply(List<Path> files, boolean dryRun) {
        if (files.isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No contract files to apply",
                    "Give at least one ODCS data contract (kind: DataContract)");
        }
        return applyDocuments(read(files.stream().sorted().toList()), dryRun);
    }

    private ApplyResult applyDocuments(List<Document> documents, boolean dryRun) {
        List<Plan> plans = new ArrayList<>();
        for (Document document : documents) {
            plans.add(plan(document));
        }
        List<ApplyResult.Step> steps = new ArrayList<>();
        for (Plan plan : plans) {
            execute(plan, steps, dryRun);
        }
        return new ApplyResult(steps, dryRun);
    }

    private record Document(Path file, String yaml, DataContract contract) {}

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Project folder " + folder + " does not exist"
                    + (Files.exists(folder) ? " as a folder" : ""),
                    "Give the folder holding the contract YAML files, e.g. 'northstar apply contracts/'");
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(folder)) {
            files = paths.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Cannot list project folder " + folder + ": "
                    + e.getMessage(), "Check that the folder is readable", e);
        }
        if (files.isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Project folder " + folder
                    + " holds no *.yaml or *.yml files", "Put ODCS data contracts (kind: DataContract) in it");
        }
        return files;
    }

    private List<Document> read(List<Path> files) {
        List<ContractProblem> problems = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        Map<String, Path> ids = new LinkedHashMap<>();
        Map<TableId, String> tables = new LinkedHashMap<>();
        for (Path file : files) {
            String yaml = ContractParser.readFile(file);
            Optional<ContractProblem> kind = ContractParser.unsupportedKind(yaml, file.toString());
            if (kind.isPresent()) {
                problems.add(kind.get());
                continue;
            }
            ContractParser.Result result = ContractParser.read(yaml, file.toString());
            if (result.contract().isEmpty()) {
                problems.addAll(result.problems());
                continue;
            }
            DataContract contract = result.contract().get();
            List<ContractProblem> semantic = ContractValidator.validate(contract);
            problems.addAll(semantic);
            if (contract.domain().isBlank()) {
                problems.add(new ContractProblem(contract.position("domain"), "The contract has no domain, so its "
                        + "tables have no Northstar domain", "Add e.g. 'domain: sales' at the top of the file"));
                continue;
            }
            if (contract.schema().isEmpty()) {
                problems.add(new ContractProblem(contract.position("schema"), "The contract has no schema objects, "
                        + "so there is no table to create", "List the tables under 'schema:'"));
            }
            Path previous = ids.putIfAbsent(contract.id(), file);
            if (previous != null) {
                problems.add(new ContractProblem(contract.position("id"), "Contract id '" + contract.id()
                        + "' is also the id of " + previous, "Give each contract its own id; keep one file per "
                        + "contract and change its version instead of copying it"));
            }
            for (int index = 0; index < contract.schema().size(); index++) {
                SchemaObject object = contract.schema().get(index);
                if (object.properties().isEmpty()) {
                    problems.add(new ContractProblem(contract.position("schema[" + index + "]"), "Schema object '"
                            + object.name() + "' has no properties, so it cannot be a table",
                            "List its columns under 'properties:'"));
                }
                TableId table = ContractTables.tableId(contract, object);
                String owner = tables.putIfAbsent(table, contract.id());
                if (owner != null && !owner.equals(contract.id())) {
                    problems.add(new ContractProblem(contract.position("schema[" + index + "].name"), "Table " + table
                            + " is also governed by contract '" + owner + "'", "Let one contract own each table"));
                }
            }
            if (semantic.isEmpty()) {
                documents.add(new Document(file, yaml, contract));
            }
        }
        if (!problems.isEmpty()) {
            throw new ContractException(problems);
        }
        return documents;
    }

    /** What to do for one contract. */
    private record Plan(Document document, String sha256, boolean storeVersion, List<TablePlan> tables) {}

    private enum TableAction { CREATE, EVOLVE, RECREATE, NONE }

    private record TablePlan(TableId id, SchemaObject object, TableDefinition definition, TableAction action,
            List<SchemaChange> changes, List<String> notes) {}

    private Plan plan(Document document) {
        DataContract contract = document.contract();
        String sha256 = sha256(document.yaml());
        String subject = "contract '" + contract.id() + "' " + contract.version() + " (" + document.file() + ")";
        List<ContractVersion> history = versions(contract.id());
        Optional<ContractVersion> same = history.stream()
                .filter(version -> version.version().equals(contract.version())).findFirst();
        Optional<ContractVersion> active = history.stream().filter(ContractVersion::active).findFirst();
        boolean storeVersion = true;
        if (same.isPresent()) {
            if (!same.get().sha256().equals(sha256)) {
                throw new NorthstarException(ErrorCode.ALREADY_EXISTS, "Version " + contract.version() + " of "
                        + subject + " was already applied on " + same.get().appliedAt() + " with different content",
                        "A published version never changes: give the contract a new version (e.g. "
                                + nextVersion(contract.version()) + ")");
            }
            if (!same.get().active()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, subject + " was superseded by version "
                        + active.map(ContractVersion::version).orElse("?"),
                        "Apply the newest version of the contract, or a newer version than "
                                + active.map(ContractVersion::version).orElse("?"));
            }
            storeVersion = false;
        } else if (active.isPresent()) {
            SemanticVersion current = SemanticVersion.parse(active.get().version()).orElseThrow();
            SemanticVersion proposed = SemanticVersion.parse(contract.version()).orElseThrow();
            if (proposed.compareTo(current) <= 0) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, subject + " is not newer than version "
                        + current + ", which is in force", "Give the contract a version above " + current);
            }
            DataContract previous = contract(contract.id(), active.get().version()).orElseThrow();
            ContractDiff diff = ContractDiff.between(previous, contract);
            if (diff.isBreaking() && proposed.major() <= current.major()) {
                List<TableId> withData = new ArrayList<>();
                for (TableId table : active.get().tables()) {
                    if (lake.exists(table) && lake.describe(table).currentSnapshot().isPresent()) {
                        withData.add(table);
                    }
                }
                if (!withData.isEmpty()) {
                    StringBuilder message = new StringBuilder(subject + " makes breaking changes to version "
                            + current + ", whose tables " + withData + " hold data:");
                    for (ContractDiff.Change change : diff.breaking()) {
                        message.append(System.lineSeparator()).append("  ").append(change.path()).append(": ")
                                .append(change.description()).append(" (").append(change.reason()).append(')');
                    }
                    throw new NorthstarException(ErrorCode.INVALID_SCHEMA_CHANGE, message.toString(),
                            "Breaking changes to a live product need a new major version: set 'version: "
                                    + (current.major() + 1) + ".0.0', or make the change compatible");
                }
            }
        }
        List<TablePlan> tables = new ArrayList<>();
        for (SchemaObject object : contract.schema()) {
            TableId id = ContractTables.tableId(contract, object);
            Optional<String> owner = governingContract(id);
            if (owner.isPresent() && !owner.get().equals(contract.id())) {
                throw new NorthstarException(ErrorCode.ALREADY_EXISTS, "Table " + id + " of " + subject
                        + " is governed by contract '" + owner.get() + "'",
                        "Let one contract own each table: rename the schema object or the domain");
            }
            tables.add(planTable(id, object, ContractTables.definition(contract, object), subject));
        }
        return new Plan(document, sha256, storeVersion, tables);
    }

    private Optional<String> governingContract(TableId table) {
        return database.call("find the contract of " + table, handle -> handle.createQuery(
                        "SELECT v.contract_id FROM ns_contract_tables t JOIN ns_contract_versions v"
                                + " ON v.contract_id = t.contract_id AND v.version = t.version"
                                + " WHERE t.table_domain = :domain AND t.table_name = :name AND v.active = :active")
                .bind("domain", table.domain())
                .bind("name", table.name())
                .bind("active", true)
                .mapTo(String.class)
                .findFirst());
    }

    private TablePlan planTable(TableId id, SchemaObject object, TableDefinition definition, String subject) {
        if (!lake.exists(id)) {
            return new TablePlan(id, object, definition, TableAction.CREATE, List.of(),
                    List.of(definition.schema().columns().size() + " columns"));
        }
        TableInfo info = lake.describe(id);
        boolean hasData = info.currentSnapshot().isPresent();
        List<SchemaChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> impossible = new ArrayList<>();
        boolean differs = false;
        for (Column column : definition.schema().columns()) {
            Optional<TableInfo.ColumnInfo> existing = info.columns().stream()
                    .filter(candidate -> candidate.name().equalsIgnoreCase(column.name())).findFirst();
            if (existing.isEmpty()) {
                changes.add(new SchemaChange.AddColumn(column.name(), column.type(), column.doc()));
                notes.add("added column " + column.name() + " " + column.type().text()
                        + (column.required() ? " (optional in the table: existing rows have no value;"
                                + " the contract requires it in new rows)" : ""));
                differs = true;
                continue;
            }
            ColumnType existingType = ColumnType.parse(existing.get().type());
            if (!existingType.equals(column.type())) {
                differs = true;
                if (ContractDiff.isWidening(existingType, column.type())) {
                    changes.add(new SchemaChange.WidenColumn(existing.get().name(), column.type()));
                    notes.add("widened " + column.name() + " from " + existingType.text() + " to "
                            + column.type().text());
                } else {
                    impossible.add(column.name() + " from " + existingType.text() + " to " + column.type().text());
                }
            }
            if (existing.get().required() && !column.required()) {
                changes.add(new SchemaChange.MakeOptional(existing.get().name()));
                notes.add("made " + column.name() + " optional");
                differs = true;
            } else if (!existing.get().required() && column.required()) {
                differs = true;
                notes.add(column.name() + " stays optional in the table; the contract requires it in new rows");
            }
        }
        for (TableInfo.ColumnInfo existing : info.columns()) {
            if (definition.schema().column(existing.name()).isEmpty()) {
                differs = true;
                if (existing.required()) {
                    changes.add(new SchemaChange.MakeOptional(existing.name()));
                }
                notes.add("kept column " + existing.name() + ", no longer in the contract, with its data"
                        + (existing.required() ? " (made optional)" : ""));
            }
        }
        if (!info.partitioning().equals(definition.partitioning())) {
            differs = true;
            notes.add("partitioning stays " + info.partitioning().stream().map(field -> field.text()).toList()
                    + " (the contract asks for " + definition.partitioning().stream().map(field -> field.text())
                    .toList() + ")");
        }
        if (!hasData && differs) {
            return new TablePlan(id, object, definition, TableAction.RECREATE, List.of(),
                    List.of("the table was never written, so it is created again with the contract's definition"));
        }
        if (!impossible.isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_SCHEMA_CHANGE, "Table " + id + " of " + subject
                    + " holds data, and Iceberg cannot change these column types in place: "
                    + String.join(", ", impossible),
                    "Keep the old type, or give the schema object a new name (e.g. " + id.name()
                            + "_v2) so that the new version gets a new table");
        }
        return new TablePlan(id, object, definition, changes.isEmpty() ? TableAction.NONE : TableAction.EVOLVE,
                changes, notes);
    }

    private void execute(Plan plan, List<ApplyResult.Step> steps, boolean dryRun) {
        String file = plan.document().file().toString();
        for (TablePlan table : plan.tables()) {
            if (dryRun) {
                ApplyResult.Action action = switch (table.action()) {
                    case CREATE -> ApplyResult.Action.CREATED;
                    case RECREATE -> ApplyResult.Action.RECREATED;
                    case EVOLVE -> ApplyResult.Action.EVOLVED;
                    case NONE -> ApplyResult.Action.UNCHANGED;
                };
                steps.add(new ApplyResult.Step(action, table.id().toString(), file, table.notes()));
                continue;
            }
            switch (table.action()) {
                case CREATE -> steps.add(create(table, file, plan.document().contract()));
                case RECREATE -> {
                    lake.dropTable(table.id());
                    lake.createTable(table.id(), table.definition());
                    steps.add(new ApplyResult.Step(ApplyResult.Action.RECREATED, table.id().toString(), file,
                            table.notes()));
                }
                case EVOLVE -> {
                    lake.evolve(table.id(), table.changes());
                    steps.add(new ApplyResult.Step(ApplyResult.Action.EVOLVED, table.id().toString(), file,
                            table.notes()));
                }
                case NONE -> steps.add(new ApplyResult.Step(ApplyResult.Action.UNCHANGED, table.id().toString(),
                        file, table.notes()));
            }
        }
        DataContract contract = plan.document().contract();
        String subject = contract.id() + " " + contract.version();
        if (!plan.storeVersion()) {
            steps.add(new ApplyResult.Step(ApplyResult.Action.UNCHANGED, subject, file,
                    List.of("this version was applied before with the same content")));
            return;
        }
        if (!dryRun && !store(plan)) {
            steps.add(new ApplyResult.Step(ApplyResult.Action.UNCHANGED, subject, file,
                    List.of("another apply stored this version with the same content at the same time")));
            return;
        }
        steps.add(new ApplyResult.Step(ApplyResult.Action.STORED, subject, file,
                List.of("in force for " + plan.tables().stream().map(table -> table.id().toString()).toList())));
    }

    /**
     * Creates a planned table. Another apply (thread or process) may have created it since the plan: when it did so
     * with the same definition, the table is left as it is; otherwise this apply stops with ALREADY_EXISTS rather
     * than change a table the other one owns.
     */
    private ApplyResult.Step create(TablePlan table, String file, DataContract contract) {
        try {
            lake.createTable(table.id(), table.definition());
            return new ApplyResult.Step(ApplyResult.Action.CREATED, table.id().toString(), file, table.notes());
        } catch (NorthstarException e) {
            if (e.code() != ErrorCode.TABLE_ALREADY_EXISTS) {
                throw e;
            }
            String subject = "contract '" + contract.id() + "' " + contract.version() + " (" + file + ")";
            TablePlan again = planTable(table.id(), table.object(), table.definition(), subject);
            if (again.action() != TableAction.NONE) {
                throw new NorthstarException(ErrorCode.ALREADY_EXISTS, "Table " + table.id() + " of " + subject
                        + " was created by another apply at the same time, with a different definition",
                        "Apply once the other apply has finished, so that this one plans against its result", e);
            }
            return new ApplyResult.Step(ApplyResult.Action.UNCHANGED, table.id().toString(), file,
                    List.of("created by another apply at the same time, with the same definition"));
        }
    }

    /**
     * Stores the plan's version, in force from now on.
     *
     * @return true when stored; false when another apply stored the same version with the same content first
     * @throws NorthstarException {@code ALREADY_EXISTS} when another apply stored the same version with other
     *     content first
     */
    private boolean store(Plan plan) {
        DataContract contract = plan.document().contract();
        try {
            insert(plan);
            return true;
        } catch (NorthstarException e) {
            // Two applies of one new version both plan "store"; the primary key lets one insert win. The loser's
            // failure is a constraint violation, told apart from other failures by reading what is stored now.
            Optional<ContractVersion> stored = versions(contract.id()).stream()
                    .filter(version -> version.version().equals(contract.version())).findFirst();
            if (stored.isEmpty()) {
                throw e;
            }
            if (stored.get().sha256().equals(plan.sha256())) {
                return false;
            }
            throw new NorthstarException(ErrorCode.ALREADY_EXISTS, "Version " + contract.version() + " of contract '"
                    + contract.id() + "' (" + plan.document().file() + ") was applied by another apply at the same"
                    + " time (" + stored.get().appliedAt() + ", from " + stored.get().source()
                    + ") with different content",
                    "A published version never changes: give the contract a new version (e.g. "
                            + nextVersion(contract.version()) + ")", e);
        }
    }

    private void insert(Plan plan) {
        DataContract contract = plan.document().contract();
        SemanticVersion version = SemanticVersion.parse(contract.version()).orElseThrow();
        long now = clock.millis();
        database.call("store contract " + contract.id() + " " + contract.version(), handle -> handle.inTransaction(
                transaction -> {
                    transaction.createUpdate("UPDATE ns_contract_versions SET active = :inactive"
                                    + " WHERE contract_id = :id")
                            .bind("inactive", false)
                            .bind("id", contract.id())
                            .execute();
                    transaction.createUpdate("INSERT INTO ns_contract_versions (contract_id, version, major, minor,"
                                    + " patch, name, domain, data_product, status, source, yaml, sha256, applied_at,"
                                    + " active) VALUES (:id, :version, :major, :minor, :patch, :name, :domain,"
                                    + " :product, :status, :source, :yaml, :sha256, :applied_at, :active)")
                            .bind("id", contract.id())
                            .bind("version", contract.version())
                            .bind("major", (long) version.major())
                            .bind("minor", (long) version.minor())
                            .bind("patch", (long) version.patch())
                            .bind("name", contract.name())
                            .bind("domain", ContractTables.identifier(contract.domain()))
                            .bind("product", contract.dataProduct().isEmpty() ? contract.id() : contract.dataProduct())
                            .bind("status", contract.status())
                            .bind("source", plan.document().file().toString())
                            .bind("yaml", plan.document().yaml())
                            .bind("sha256", plan.sha256())
                            .bind("applied_at", now)
                            .bind("active", true)
                            .execute();
                    for (TablePlan table : plan.tables()) {
                        transaction.createUpdate("INSERT INTO ns_contract_tables (contract_id, version, table_domain,"
                                        + " table_name, schema_object) VALUES (:id, :version, :domain, :name, :object)")
                                .bind("id", contract.id())
                                .bind("version", contract.version())
                                .bind("domain", table.id().domain())
                                .bind("name", table.id().name())
                                .bind("object", table.object().name())
                                .execute();
                    }
                    return null;
                }));
    }

    private record StoredVersion(String contractId, String version, String source, String yaml, String sha256,
            Instant appliedAt, String schemaObject) {}

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String nextVersion(String version) {
        return SemanticVersion.parse(version)
                .map(current -> current.major() + "." + current.minor() + "." + (current.patch() + 1))
                .orElse("1.0.1");
    }
}
