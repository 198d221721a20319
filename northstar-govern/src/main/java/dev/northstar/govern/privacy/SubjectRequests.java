package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.CustomProperty;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.ingest.QuarantineTable;
import dev.northstar.lake.DeleteResult;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MaintenanceResult;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Data-subject requests (GDPR articles 15 and 17) across the lake, tracked in {@code ns_privacy_requests} (migration
 * V9) with their legal deadline.
 *
 * <p>The tables about subjects are the products whose active contract marks a property with the custom property
 * {@code northstar.subjectKey: true}, their quarantine tables (matched on the raw values JSON and the raw line), and
 * every lake table whose column lineage derives a column from a subject key column (any number of hops). Access
 * exports the subject's rows of all of them; erasure deletes them (copy-on-write), expires every older snapshot and
 * removes orphan files of each table so no data file in the warehouse still holds them, shreds the subject's data key,
 * verifies by querying again, and stores a certificate.
 */
public final class SubjectRequests {
    /** Custom property of a schema property marking the column that identifies the data subject. */
    public static final String SUBJECT_KEY_PROPERTY = "northstar.subjectKey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, kind, subject, status, received_at, deadline_at, requested_by,"
            + " completed_at, completed_by, outcome, error";
    private static final int MAXIMUM_ROWS_PER_TABLE = 100_000;

    private final Lakehouse lake;
    private final MetadataDatabase database;
    private final Optional<Keystore> keystore;
    private final PrivacyAudit audit;
    private final Clock clock;

    /**
     * @param keystore the keystore whose subject keys erasure shreds; empty when no master key is configured (then
     *     nothing was encrypted and there is nothing to shred)
     */
    public SubjectRequests(Lakehouse lake, MetadataDatabase database, Optional<Keystore> keystore, PrivacyAudit audit,
            Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.database = requireNonNull(database, "database is null");
        this.keystore = requireNonNull(keystore, "keystore is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The tables holding rows about subjects, products first, then quarantine and derived tables. */
    public List<SubjectTable> subjectTables() {
        ProductRegistry registry = new ProductRegistry(database, lake);
        List<SubjectTable> products = new ArrayList<>();
        for (TableId table : lake.tables()) {
            if (table.name().endsWith("__quarantine")) {
                continue;
            }
            Optional<ActiveContract> contract = registry.activeContract(table);
            if (contract.isEmpty()) {
                continue;
            }
            for (SchemaProperty property : contract.get().schemaObject().properties()) {
                if (CustomProperty.find(property.customProperties(), SUBJECT_KEY_PROPERTY)
                        .map(custom -> "true".equalsIgnoreCase(String.valueOf(custom.value()))).orElse(false)) {
                    String column = property.physicalName().isEmpty() ? property.name() : property.physicalName();
                    products.add(new SubjectTable(table, column, SubjectTable.Kind.PRODUCT, table));
                }
            }
        }
        List<SubjectTable> result = new ArrayList<>(products);
        for (SubjectTable product : products) {
            TableId quarantine = QuarantineTable.of(product.table());
            if (lake.exists(quarantine)) {
                result.add(new SubjectTable(quarantine, product.column(), SubjectTable.Kind.QUARANTINE,
                        product.table()));
            }
        }
        result.addAll(derived(products, result));
        return List.copyOf(result);
    }

    /** Lake table columns computed, through any number of hops, from a subject key column. */
    private List<SubjectTable> derived(List<SubjectTable> products, List<SubjectTable> known) {
        if (products.isEmpty()) {
            return List.of();
        }
        Lineage lineage = new Lineage(lake, database);
        String namespace = lineage.lakeNamespace();
        Map<ColumnRef, Set<ColumnRef>> outputs = new LinkedHashMap<>();
        lineage.graph().inputsByColumn().forEach((target, inputs) -> inputs.forEach(
                input -> outputs.computeIfAbsent(input, key -> new LinkedHashSet<>()).add(target)));
        Set<String> seen = new HashSet<>();
        known.forEach(table -> seen.add(table.table() + "." + table.column()));
        List<SubjectTable> derived = new ArrayList<>();
        for (SubjectTable product : products) {
            Deque<ColumnRef> queue = new ArrayDeque<>();
            queue.add(new ColumnRef(DatasetRef.of(namespace, product.table()), product.column()));
            Set<ColumnRef> visited = new HashSet<>(queue);
            while (!queue.isEmpty()) {
                for (ColumnRef next : outputs.getOrDefault(queue.poll(), Set.of())) {
                    if (!visited.add(next)) {
                        continue;
                    }
                    queue.add(next);
                    Optional<TableId> table = lakeTable(namespace, next.dataset());
                    if (table.isPresent() && seen.add(table.get() + "." + next.column())) {
                        derived.add(new SubjectTable(table.get(), next.column(), SubjectTable.Kind.DERIVED,
                                product.table()));
                    }
                }
            }
        }
        return derived;
    }

    private Optional<TableId> lakeTable(String namespace, DatasetRef dataset) {
        if (!dataset.namespace().equals(namespace)) {
            return Optional.empty();
        }
        try {
            TableId table = TableId.parse(dataset.name());
            return lake.exists(table) ? Optional.of(table) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Registers a request: received now, due in {@link PrivacyRequest#LEGAL_DELAY}.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for a blank subject
     */
    public PrivacyRequest receive(PrivacyRequest.Kind kind, String subject, String by) {
        requireNonNull(kind, "kind is null");
        requireNonNull(by, "by is null");
        checkSubject(subject);
        Instant now = clock.instant();
        String id = "dsr-" + HexFormat.of().formatHex(randomBytes(6));
        database.call("register a data-subject request", handle -> handle.createUpdate("INSERT INTO"
                        + " ns_privacy_requests (id, kind, subject, status, received_at, deadline_at, requested_by)"
                        + " VALUES (:id, :kind, :subject, :status, :received, :deadline, :by)")
                .bind("id", id).bind("kind", kind.name()).bind("subject", subject)
                .bind("status", PrivacyRequest.Status.RECEIVED.name()).bind("received", now.toEpochMilli())
                .bind("deadline", now.plus(PrivacyRequest.LEGAL_DELAY).toEpochMilli()).bind("by", by)
                .execute());
        return find(id).orElseThrow();
    }

    /** Registers an access request and answers it at once with the bundle. */
    public AccessBundle accessSubject(String subject, String by) {
        return answerAccess(receive(PrivacyRequest.Kind.ACCESS, subject, by).id(), by);
    }

    /**
     * Answers a received access request: every row about its subject in every subject table.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown request, {@code INVALID_ARGUMENT} when it
     *     is not an access request or was already answered
     */
    public AccessBundle answerAccess(String requestId, String by) {
        PrivacyRequest request = open(requestId, PrivacyRequest.Kind.ACCESS);
        try {
            List<AccessBundle.TableRows> tables = new ArrayList<>();
            for (SubjectTable table : subjectTables()) {
                QueryResult result = lake.query("SELECT * FROM " + table.table() + " WHERE "
                        + predicate(table, request.subject()), QueryOptions.defaults().withMaxRows(
                                MAXIMUM_ROWS_PER_TABLE));
                if (result.truncated()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Subject has more than "
                            + MAXIMUM_ROWS_PER_TABLE + " rows in " + table.table(),
                            "Check that " + table.column() + " identifies one subject");
                }
                if (result.rows().isEmpty()) {
                    continue;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (List<Object> row : result.rows()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < result.columns().size(); i++) {
                        values.put(result.columns().get(i).name(), jsonValue(row.get(i)));
                    }
                    rows.add(values);
                }
                tables.add(new AccessBundle.TableRows(table.table().toString(), table.kind().name(), table.column(),
                        rows));
            }
            AccessBundle bundle = new AccessBundle(request.id(), request.subject(), clock.instant().toString(),
                    tables);
            List<String> touched = tables.stream().map(AccessBundle.TableRows::table).toList();
            audit.record(new PrivacyAudit.Event("privacy.access", by, "gdpr.access", true, touched,
                    "request " + request.id() + ": " + bundle.rowCount() + " rows exported", clock.instant()));
            complete(request.id(), by, json(Map.of("tables", touched, "rows", bundle.rowCount())));
            return bundle;
        } catch (RuntimeException e) {
            fail(request.id(), e);
            throw e;
        }
    }

    /** Registers an erasure request and carries it out at once. */
    public ErasureCertificate eraseSubject(String subject, String by) {
        return carryOutErasure(receive(PrivacyRequest.Kind.ERASE, subject, by).id(), by);
    }

    /**
     * Carries out a received erasure request and stores its certificate.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown request, {@code INVALID_ARGUMENT} when it
     *     is not an erasure request or was already answered
     */
    public ErasureCertificate carryOutErasure(String requestId, String by) {
        PrivacyRequest request = open(requestId, PrivacyRequest.Kind.ERASE);
        try {
            List<SubjectTable> tables = subjectTables();
            List<ErasureCertificate.ErasedTable> erased = new ArrayList<>();
            Set<TableId> touched = new LinkedHashSet<>();
            for (SubjectTable table : tables) {
                DeleteResult result = lake.delete(table.table(), predicate(table, request.subject()),
                        Map.of("northstar.privacy-request", request.id()));
                erased.add(new ErasureCertificate.ErasedTable(table.table().toString(), table.kind().name(),
                        table.column(), result.deletedRows(), result.snapshotId().orElse(0L), true));
                touched.add(table.table());
            }
            // The delete left the subject's rows in the files of older snapshots: expire every snapshot but the
            // current one, then remove whatever files no snapshot references any more (a failed earlier erasure's
            // leftovers included), so no data file in the warehouse still holds the values.
            List<String> removed = new ArrayList<>();
            for (TableId table : touched) {
                MaintenanceResult expired = lake.expireSnapshots(table, Duration.ZERO, 1);
                removed.addAll(expired.deletedPaths());
                removed.addAll(lake.removeOrphanFiles(table, Duration.ZERO).deletedPaths());
            }
            boolean shredded = keystore.map(store -> store.shredSubjectKey(request.subject())).orElse(false);
            boolean verified = true;
            for (SubjectTable table : tables) {
                QueryResult left = lake.query("SELECT count(*) FROM " + table.table() + " WHERE "
                        + predicate(table, request.subject()), QueryOptions.defaults());
                verified &= ((Number) left.rows().get(0).get(0)).longValue() == 0;
            }
            ErasureCertificate certificate = new ErasureCertificate(request.id(),
                    Keystore.subjectKeyId(request.subject()), by, request.receivedAt().toString(),
                    clock.instant().toString(), erased, removed, shredded, verified);
            audit.record(new PrivacyAudit.Event("privacy.erase", by, "gdpr.erasure", true,
                    touched.stream().map(TableId::toString).toList(),
                    "request " + request.id() + ": " + erased.stream().mapToLong(
                            ErasureCertificate.ErasedTable::rowsDeleted).sum() + " rows deleted, " + removed.size()
                            + " files removed, key shredded: " + shredded, clock.instant()));
            complete(request.id(), by, json(certificate));
            if (!verified) {
                throw new NorthstarException(ErrorCode.INTERNAL, "Erasure " + request.id()
                        + " finished but a query still finds rows of the subject", "Run the erasure again");
            }
            return certificate;
        } catch (RuntimeException e) {
            fail(request.id(), e);
            throw e;
        }
    }

    /** The certificate of a completed erasure. */
    public Optional<ErasureCertificate> certificate(String requestId) {
        return find(requestId).filter(request -> request.kind() == PrivacyRequest.Kind.ERASE)
                .flatMap(PrivacyRequest::outcome).map(text -> {
                    try {
                        return JSON.readValue(text, ErasureCertificate.class);
                    } catch (JsonProcessingException e) {
                        throw new NorthstarException(ErrorCode.INTERNAL, "Certificate of " + requestId
                                + " is not readable: " + e.getOriginalMessage(), null, e);
                    }
                });
    }

    /** The request with this id. */
    public Optional<PrivacyRequest> find(String id) {
        requireNonNull(id, "id is null");
        return database.call("find data-subject request " + id, handle -> handle.createQuery("SELECT " + COLUMNS
                + " FROM ns_privacy_requests WHERE id = :id").bind("id", id).map((row, context) -> request(row))
                .findOne());
    }

    /** Every request, most recent first. */
    public List<PrivacyRequest> list() {
        return database.call("list data-subject requests", handle -> handle.createQuery("SELECT " + COLUMNS
                + " FROM ns_privacy_requests ORDER BY received_at DESC, id").map((row, context) -> request(row))
                .list());
    }

    /** Counts and response times of the requests, as of now. */
    public RequestMetrics metrics() {
        return RequestMetrics.of(list(), clock.instant());
    }

    private PrivacyRequest open(String requestId, PrivacyRequest.Kind kind) {
        PrivacyRequest request = find(requestId).orElseThrow(() -> new NorthstarException(
                ErrorCode.RESOURCE_NOT_FOUND, "No data-subject request " + requestId,
                "List the requests with `northstar privacy requests`"));
        if (request.kind() != kind) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Request " + requestId + " is an "
                    + request.kind() + " request, not " + kind, "Run the command of its kind");
        }
        if (request.status() == PrivacyRequest.Status.COMPLETED) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Request " + requestId + " was already answered"
                    + " at " + request.completedAt().orElseThrow() + " by " + request.completedBy().orElse("?"),
                    "Register a new request to answer it again");
        }
        return request;
    }

    private void complete(String id, String by, String outcome) {
        database.call("complete data-subject request " + id, handle -> handle.createUpdate("UPDATE ns_privacy_requests"
                        + " SET status = :status, completed_at = :now, completed_by = :by, outcome = :outcome,"
                        + " error = NULL WHERE id = :id")
                .bind("status", PrivacyRequest.Status.COMPLETED.name()).bind("now", clock.millis()).bind("by", by)
                .bind("outcome", outcome).bind("id", id).execute());
    }

    private void fail(String id, RuntimeException failure) {
        try {
            database.call("record the failure of data-subject request " + id, handle -> handle.createUpdate(
                            "UPDATE ns_privacy_requests SET status = :status, error = :error WHERE id = :id")
                    .bind("status", PrivacyRequest.Status.FAILED.name())
                    .bind("error", String.valueOf(failure.getMessage())).bind("id", id).execute());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The SQL condition selecting the subject's rows of a table; the value is a SQL string literal. */
    static String predicate(SubjectTable table, String subject) {
        String literal = "'" + subject.replace("'", "''") + "'";
        if (table.kind() == SubjectTable.Kind.QUARANTINE) {
            String path = "'$.\"" + table.column().replace("'", "''").replace("\"", "\\\"") + "\"'";
            // A malformed record has no raw values, only its line: any line containing the value is the subject's.
            return "(json_extract_string(_raw_values, " + path + ") = " + literal
                    + " OR coalesce(strpos(_raw_line, " + literal + "), 0) > 0)";
        }
        return "CAST(\"" + table.column().replace("\"", "\"\"") + "\" AS VARCHAR) = " + literal;
    }

    private static void checkSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The subject is empty",
                    "Give the subject key value, e.g. the customer id");
        }
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static PrivacyRequest request(ResultSet row) throws SQLException {
        long completed = row.getLong("completed_at");
        Optional<Instant> completedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(completed));
        return new PrivacyRequest(row.getString("id"), PrivacyRequest.Kind.valueOf(row.getString("kind")),
                row.getString("subject"), PrivacyRequest.Status.valueOf(row.getString("status")),
                Instant.ofEpochMilli(row.getLong("received_at")), Instant.ofEpochMilli(row.getLong("deadline_at")),
                row.getString("requested_by"), completedAt, Optional.ofNullable(row.getString("completed_by")),
                Optional.ofNullable(row.getString("outcome")), Optional.ofNullable(row.getString("error")));
    }
}
