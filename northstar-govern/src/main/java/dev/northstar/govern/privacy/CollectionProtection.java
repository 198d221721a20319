package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.CustomProperty;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.ingest.plan.RowProtection;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Protects columns at collection as the product's active contract says ({@code northstar.protect} on a schema
 * property; the subject for {@code encrypt} is the property marked {@code northstar.subjectKey: true}).
 *
 * <p>DuckDB has no keyed hash (HMAC) and no AES-GCM built in, so the protection runs in Java on the JDK's
 * primitives: the protected columns of the validated rows are read once from the ingestion's DuckDB session, protected
 * value by value, loaded into a temporary table and written back with one {@code UPDATE ... FROM} joined on
 * {@code rowid}. The cost is one JDBC round trip of the protected columns (not of the whole row) plus one HMAC or
 * AES-GCM per value; dropped columns are set to NULL in SQL without leaving DuckDB.
 */
public final class CollectionProtection implements RowProtection {
    private static final String PROTECTED_TABLE = "ns_protected";
    private static final int BATCH = 1_000;

    private final ProductRegistry registry;
    private final Optional<Protector> protector;

    /**
     * @param protector empty when no master key is configured: then a contract asking to pseudonymise or encrypt
     *     fails the run with a hint to configure one
     */
    public CollectionProtection(ProductRegistry registry, Optional<Protector> protector) {
        this.registry = requireNonNull(registry, "registry is null");
        this.protector = requireNonNull(protector, "protector is null");
    }

    /**
     * The protections a contract declares for a product, and its subject key column.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for an unknown protection, {@code encrypt} without a subject
     *     key column, or a protected subject key column
     */
    public static Plan plan(ActiveContract contract) {
        List<ColumnProtection> protections = new ArrayList<>();
        Optional<String> subject = Optional.empty();
        for (SchemaProperty property : contract.schemaObject().properties()) {
            String column = property.physicalName().isEmpty() ? property.name() : property.physicalName();
            Optional<CustomProperty> protect = CustomProperty.find(property.customProperties(),
                    ColumnProtection.PROPERTY);
            protect.ifPresent(custom -> protections.add(ColumnProtection.parse(column, String.valueOf(custom.value()))));
            if (CustomProperty.find(property.customProperties(), SubjectRequests.SUBJECT_KEY_PROPERTY)
                    .map(custom -> "true".equalsIgnoreCase(String.valueOf(custom.value()))).orElse(false)) {
                if (protect.isPresent()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Contract " + contract.contract().id()
                            + ": the subject key column '" + column + "' of " + contract.table()
                            + " cannot also be protected (" + ColumnProtection.PROPERTY + ")",
                            "Keep the subject key in clear: data-subject requests and per-subject keys find the"
                                    + " subject by it; protect the other columns");
                }
                subject = Optional.of(column);
            }
        }
        Optional<String> subjectColumn = subject;
        protections.stream().filter(protection -> protection.method() == ColumnProtection.Method.ENCRYPT)
                .findFirst().filter(ignored -> subjectColumn.isEmpty()).ifPresent(protection -> {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Contract " + contract.contract().id()
                            + " encrypts column '" + protection.column() + "' of " + contract.table()
                            + " but no property is the subject key",
                            "Mark the column identifying the data subject with the custom property "
                                    + SubjectRequests.SUBJECT_KEY_PROPERTY + ": true");
                });
        return new Plan(List.copyOf(protections), subject);
    }

    /**
     * A product's protections.
     *
     * @param protections the protected columns
     * @param subjectColumn the subject key column, if the contract names one
     */
    public record Plan(List<ColumnProtection> protections, Optional<String> subjectColumn) {}

    @Override
    public void protect(Connection connection, String table, TableId product, String validCondition)
            throws SQLException {
        Optional<ActiveContract> contract = registry.activeContract(product);
        if (contract.isEmpty()) {
            return;
        }
        Plan plan = plan(contract.get());
        if (plan.protections().isEmpty()) {
            return;
        }
        Map<String, String> types = columnTypes(connection, table);
        List<ColumnProtection> computed = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (ColumnProtection protection : plan.protections()) {
                String type = types.get(protection.column().toLowerCase(Locale.ROOT));
                if (type == null) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, ColumnProtection.PROPERTY + " names"
                            + " column '" + protection.column() + "', which " + product + " does not have",
                            "Declare the protection on a property of the product's schema");
                }
                if (protection.method() == ColumnProtection.Method.DROP) {
                    statement.execute("UPDATE " + table + " SET " + quote(protection.column()) + " = NULL WHERE "
                            + validCondition);
                    continue;
                }
                if (!type.equals("VARCHAR")) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Column '" + protection.column()
                            + "' of " + product + " is " + type + ", but " + ColumnProtection.PROPERTY + ": "
                            + protection.method().name().toLowerCase(Locale.ROOT) + " stores text",
                            "Declare the property as logicalType string: the protected value is a text");
                }
                computed.add(protection);
            }
        }
        if (computed.isEmpty()) {
            return;
        }
        Protector keys = protector.orElse(null);
        boolean needsKeys = computed.stream().anyMatch(protection -> protection.method()
                == ColumnProtection.Method.PSEUDONYMISE || protection.method() == ColumnProtection.Method.ENCRYPT);
        if (needsKeys && keys == null) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "The contract of " + product
                    + " pseudonymises or encrypts columns, but no master key is configured for the keystore",
                    "Set NORTHSTAR_MASTER_KEY to 32 random bytes in base64, or the setting "
                            + MasterKey.FILE_SETTING);
        }
        rewrite(connection, table, validCondition, computed, plan.subjectColumn(), keys);
    }

    private static void rewrite(Connection connection, String table, String validCondition,
            List<ColumnProtection> protections, Optional<String> subjectColumn, Protector protector)
            throws SQLException {
        String columns = protections.stream().map(protection -> quote(protection.column()))
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + PROTECTED_TABLE + " (_rid BIGINT, "
                    + protections.stream().map(protection -> quote(protection.column()) + " VARCHAR")
                    .collect(Collectors.joining(", ")) + ")");
            String placeholders = "?" + ", ?".repeat(protections.size());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + PROTECTED_TABLE
                    + " VALUES (" + placeholders + ")");
                    ResultSet rows = statement.executeQuery("SELECT rowid, "
                            + subjectColumn.map(column -> "CAST(" + quote(column) + " AS VARCHAR)").orElse("NULL")
                            + ", " + columns + " FROM " + table + " WHERE " + validCondition)) {
                int pending = 0;
                while (rows.next()) {
                    insert.setLong(1, rows.getLong(1));
                    String subject = rows.getString(2);
                    for (int i = 0; i < protections.size(); i++) {
                        insert.setString(i + 2, protectValue(protections.get(i), subject, rows.getString(i + 3),
                                protector));
                    }
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            statement.execute("UPDATE " + table + " SET " + protections.stream().map(protection ->
                            quote(protection.column()) + " = p." + quote(protection.column()))
                    .collect(Collectors.joining(", ")) + " FROM " + PROTECTED_TABLE + " p WHERE " + table
                    + ".rowid = p._rid");
            statement.execute("DROP TABLE " + PROTECTED_TABLE);
        }
    }

    private static String protectValue(ColumnProtection protection, String subject, String value,
            Protector protector) {
        if (value == null) {
            return null;
        }
        return switch (protection.method()) {
            case PSEUDONYMISE -> protector.pseudonymise(value);
            case ENCRYPT -> {
                if (subject == null) {
                    throw new NorthstarException(ErrorCode.INVALID_DATA, "A row has a value in encrypted column '"
                            + protection.column() + "' but no subject key",
                            "Make the subject key property required in the contract");
                }
                yield protector.encrypt(subject, protection.column(), value);
            }
            case GENERALISE_YEAR -> Protector.generaliseYear(protection.column(), value);
            case GENERALISE_BAND -> Protector.generaliseBand(protection.column(), value, protection.bandWidth());
            case DROP -> null;
        };
    }

    private static Map<String, String> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type FROM"
                + " information_schema.columns WHERE table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
                }
            }
        }
        return types;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
