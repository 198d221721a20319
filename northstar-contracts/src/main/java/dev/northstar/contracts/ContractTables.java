package dev.northstar.contracts;

import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a contract's schema objects become Northstar tables.
 *
 * <ul>
 *   <li>Table id: the contract's {@code domain} and the schema object's {@code name}, each lower-cased with every run
 *       of characters other than letters, digits and underscores replaced by one underscore
 *       ({@code "Seller Ops"} → {@code seller_ops}; a leading digit gets an underscore in front).</li>
 *   <li>Columns: one per property, named after the property (invalid characters replaced by underscores), required
 *       when {@code required: true}, documented with its description.</li>
 *   <li>Column types: the {@code physicalType} when it is a type Northstar knows and fits the {@code logicalType}
 *       ({@code bigint} → long, {@code int} → int, {@code decimal(12,2)}, {@code double}, {@code float},
 *       {@code varchar(18)} → string, {@code timestamp with time zone}/{@code timestamptz}, {@code uuid}...);
 *       otherwise the logical type's default: string → string, integer → long ({@code format: i32} → int),
 *       number → double ({@code format: f32} → float), boolean, date, time, timestamp → timestamp (timestamptz with
 *       {@code logicalTypeOptions.timezone: true}), array → list of its {@code items} (list&lt;string&gt; without),
 *       object → struct of its {@code properties} (string, holding JSON, without).</li>
 *   <li>Partitioning: {@code northstar.partitioning} when set (see {@link EnforcementPolicy}), else the properties
 *       with {@code partitioned: true}, ordered by {@code partitionKeyPosition}, as identity partitions.</li>
 * </ul>
 */
public final class ContractTables {
    private static final Pattern DECIMAL = Pattern.compile("(?:decimal|numeric|number)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final Pattern PARAMETERS = Pattern.compile("\\s*\\(.*\\)\\s*$");

    private ContractTables() {}

    /**
     * The table a schema object of a contract governs.
     *
     * @throws ContractException when the contract has no domain
     */
    public static TableId tableId(DataContract contract, SchemaObject object) {
        if (contract.domain().isBlank()) {
            throw new ContractException(List.of(new ContractProblem(contract.position("domain"),
                    "The contract has no domain, so its tables have no Northstar domain",
                    "Add e.g. 'domain: sales' at the top of the file")));
        }
        return new TableId(identifier(contract.domain()), identifier(object.name()));
    }

    /** A name as a lower-case identifier: {@code "Seller Ops"} → {@code seller_ops}. */
    public static String identifier(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        lower = lower.replaceAll("^_+(?=.)", "").replaceAll("(?<=.)_+$", "");
        if (lower.isEmpty()) {
            return "_";
        }
        return Character.isDigit(lower.charAt(0)) ? "_" + lower : lower;
    }

    /** The column name of a property: its name with characters other than letters, digits and _ replaced. */
    public static String columnName(SchemaProperty property) {
        String name = property.name().trim().replaceAll("[^A-Za-z0-9_]+", "_");
        if (name.isEmpty()) {
            return "_";
        }
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    /**
     * The table definition of a schema object, with the contract's partitioning settings.
     *
     * @throws ContractException when the object has no properties or a setting is invalid
     */
    public static TableDefinition definition(DataContract contract, SchemaObject object) {
        EnforcementPolicy policy = EnforcementPolicy.of(contract, object);
        TableDefinition definition = definition(object);
        if (!policy.partitioning().isEmpty()) {
            List<PartitionField> renamed = policy.partitioning().stream()
                    .map(field -> new PartitionField(columnName(object.property(field.column()).orElseThrow()),
                            field.transform()))
                    .toList();
            definition = definition.withPartitioning(renamed);
        }
        return definition;
    }

    /**
     * The table definition of a schema object: columns, partitioning from the properties, description.
     *
     * @throws ContractException when the object has no properties
     */
    public static TableDefinition definition(SchemaObject object) {
        if (object.properties().isEmpty()) {
            throw new ContractException(List.of(new ContractProblem(object.position(),
                    "Schema object '" + object.name() + "' has no properties, so it cannot be a table",
                    "List its columns under 'properties:'")));
        }
        List<Column> columns = new ArrayList<>();
        for (SchemaProperty property : object.properties()) {
            columns.add(new Column(columnName(property), columnType(property), property.required(),
                    property.description()));
        }
        List<PartitionField> partitioning = object.properties().stream()
                .filter(SchemaProperty::partitioned)
                .sorted(Comparator.comparingInt(property -> property.partitionKeyPosition() < 1
                        ? Integer.MAX_VALUE : property.partitionKeyPosition()))
                .map(property -> new PartitionField(columnName(property), "identity"))
                .toList();
        String description = object.description().isEmpty() ? object.businessName() : object.description();
        return new TableDefinition(new TableSchema(columns), partitioning, List.of(), description, Map.of());
    }

    /** The Northstar column type of a property (see the class description). */
    public static ColumnType columnType(SchemaProperty property) {
        Optional<ColumnType> physical = physicalType(property.physicalType());
        if (physical.isPresent() && fits(property.logicalType(), physical.get())) {
            return physical.get();
        }
        return logicalType(property);
    }

    /** The Northstar type a physical type names, when Northstar knows it. */
    static Optional<ColumnType> physicalType(String physicalType) {
        String text = physicalType.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > 38 || scale > precision) {
                return Optional.empty();
            }
            return Optional.of(new ColumnType.Decimal(precision, scale));
        }
        if (text.startsWith("array<") || text.startsWith("list<") || text.startsWith("struct<")) {
            try {
                return Optional.of(ColumnType.parse(text));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        String base = PARAMETERS.matcher(text).replaceAll("");
        ColumnType type = switch (base) {
            case "string", "varchar", "char", "character", "character varying", "nvarchar", "nchar", "text",
                    "varchar2", "nvarchar2", "clob" -> ColumnType.Primitive.STRING;
            case "uuid" -> ColumnType.Primitive.UUID;
            case "int", "integer", "int4", "int32", "smallint", "int2", "tinyint", "mediumint" ->
                    ColumnType.Primitive.INT;
            case "bigint", "long", "int8", "int64" -> ColumnType.Primitive.LONG;
            case "float", "real", "float4", "float32" -> ColumnType.Primitive.FLOAT;
            case "double", "double precision", "float8", "float64" -> ColumnType.Primitive.DOUBLE;
            case "bool", "boolean" -> ColumnType.Primitive.BOOLEAN;
            case "date" -> ColumnType.Primitive.DATE;
            case "time", "time without time zone" -> ColumnType.Primitive.TIME;
            case "timestamp", "datetime", "timestamp_ntz", "timestamp without time zone" ->
                    ColumnType.Primitive.TIMESTAMP;
            case "timestamptz", "timestamp_tz", "timestamp_ltz", "timestamp with time zone" ->
                    ColumnType.Primitive.TIMESTAMPTZ;
            case "binary", "varbinary", "bytes", "blob", "bytea" -> ColumnType.Primitive.BINARY;
            default -> null;
        };
        return Optional.ofNullable(type);
    }

    /** Whether a Northstar type is a valid representation of an ODCS logical type (any type fits no logical type). */
    static boolean fits(String logicalType, ColumnType type) {
        return switch (logicalType) {
            case "" -> true;
            // Strings hold identifiers and encoded bytes too.
            case "string" -> type == ColumnType.Primitive.STRING || type == ColumnType.Primitive.UUID
                    || type == ColumnType.Primitive.BINARY;
            case "integer" -> type == ColumnType.Primitive.INT || type == ColumnType.Primitive.LONG
                    || type instanceof ColumnType.Decimal decimal && decimal.scale() == 0;
            case "number" -> type == ColumnType.Primitive.INT || type == ColumnType.Primitive.LONG
                    || type == ColumnType.Primitive.FLOAT || type == ColumnType.Primitive.DOUBLE
                    || type instanceof ColumnType.Decimal;
            case "boolean" -> type == ColumnType.Primitive.BOOLEAN;
            // ODCS v3.0 had no timestamp or time logical type: its "date" covers every temporal type.
            case "date" -> type == ColumnType.Primitive.DATE || type == ColumnType.Primitive.TIMESTAMP
                    || type == ColumnType.Primitive.TIMESTAMPTZ || type == ColumnType.Primitive.TIME;
            case "time" -> type == ColumnType.Primitive.TIME;
            case "timestamp" -> type == ColumnType.Primitive.TIMESTAMP || type == ColumnType.Primitive.TIMESTAMPTZ;
            case "array" -> type instanceof ColumnType.ListOf;
            case "object" -> type instanceof ColumnType.Struct;
            default -> false;
        };
    }

    private static ColumnType logicalType(SchemaProperty property) {
        LogicalTypeOptions options = property.logicalTypeOptions();
        String format = options.format().orElse("").toLowerCase(Locale.ROOT);
        return switch (property.logicalType()) {
            case "integer" -> format.equals("i32") ? ColumnType.Primitive.INT : ColumnType.Primitive.LONG;
            case "number" -> format.equals("f32") ? ColumnType.Primitive.FLOAT : ColumnType.Primitive.DOUBLE;
            case "boolean" -> ColumnType.Primitive.BOOLEAN;
            case "date" -> ColumnType.Primitive.DATE;
            case "time" -> ColumnType.Primitive.TIME;
            case "timestamp" -> options.timezone().orElse(false)
                    ? ColumnType.Primitive.TIMESTAMPTZ : ColumnType.Primitive.TIMESTAMP;
            case "array" -> new ColumnType.ListOf(property.items().map(ContractTables::columnType)
                    .orElse(ColumnType.Primitive.STRING));
            case "object" -> property.properties().isEmpty()
                    ? ColumnType.Primitive.STRING
                    : new ColumnType.Struct(property.properties().stream()
                            .map(field -> new Column(columnName(field), columnType(field), false, field.description()))
                            .toList());
            default -> ColumnType.Primitive.STRING;
        };
    }
}
