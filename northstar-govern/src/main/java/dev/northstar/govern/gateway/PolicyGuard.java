package dev.northstar.govern.gateway;

import dev.northstar.govern.policy.AccessPolicy;
import dev.northstar.govern.policy.ColumnMask;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.TableGuard;
import dev.northstar.lake.TableProjection;
import dev.northstar.lake.TableProjection.ProjectedColumn;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One query's guard: asks the access policy about each table read and turns its decision into a projection. */
final class PolicyGuard implements TableGuard {
    private final AccessPolicy policy;
    private final Principal principal;
    private final Optional<String> purpose;
    private final byte[] hashKey;
    private final Map<TableId, TableAccess> decisions = new LinkedHashMap<>();

    PolicyGuard(AccessPolicy policy, Principal principal, Optional<String> purpose, byte[] hashKey) {
        this.policy = policy;
        this.principal = principal;
        this.purpose = purpose;
        this.hashKey = hashKey;
    }

    @Override
    public TableProjection project(TableId table, List<QueryResult.Column> columns) {
        List<String> names = columns.stream().map(QueryResult.Column::name).toList();
        TableAccess access = policy.access(principal, purpose, table, names);
        if (access == null || !access.table().equals(table)) {
            throw new NorthstarException(ErrorCode.INTERNAL, "The access policy gave no decision for " + table,
                    null);
        }
        decisions.put(table, access);
        if (!access.allowed()) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, principal.name() + " may not read " + table
                    + purposeText() + ": missing read permission on " + table + reasons(access),
                    "Ask the owner of " + table.domain() + " for access (an access request), or declare a purpose "
                            + "the product's contract allows");
        }
        List<ProjectedColumn> visible = new ArrayList<>();
        for (QueryResult.Column column : columns) {
            String key = column.name().toLowerCase(Locale.ROOT);
            if (access.deniedColumns().contains(key)) {
                continue;
            }
            ColumnMask mask = access.masks().get(key);
            visible.add(mask == null ? ProjectedColumn.of(column.name())
                    : MaskSql.column(table, column.name(), column.type(), mask));
        }
        return new TableProjection(visible, access.rowFilters());
    }

    @Override
    public byte[] hashKey() {
        return hashKey.clone();
    }

    List<TableAccess> decisions() {
        return List.copyOf(decisions.values());
    }

    /** The denial of a denied column the query named, if the error is about one. */
    Optional<NorthstarException> deniedColumn(NorthstarException error) {
        if (error.code() != ErrorCode.INVALID_SQL || error.getMessage() == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("(?i)column(?: named)? \"([^\"]+)\"")
                .matcher(error.getMessage());
        while (named.find()) {
            String column = named.group(1).toLowerCase(Locale.ROOT);
            for (TableAccess access : decisions.values()) {
                if (access.deniedColumns().contains(column)) {
                    return Optional.of(new NorthstarException(ErrorCode.FORBIDDEN, principal.name()
                            + " may not read column " + access.table() + "." + column + purposeText()
                            + ": missing read permission on the column" + reasons(access),
                            "Leave " + column + " out of the query (SELECT * shows only the columns you may read), "
                                    + "or ask the owner of " + access.table().domain() + " for access"));
                }
            }
        }
        return Optional.empty();
    }

    private String purposeText() {
        return purpose.map(declared -> " for purpose '" + declared + "'").orElse(" (no purpose declared)");
    }

    private static String reasons(TableAccess access) {
        return access.reasons().isEmpty() ? "" : " (" + String.join("; ", access.reasons()) + ")";
    }
}
