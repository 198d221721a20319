package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.catalog.UsageLog;
import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.GovernedTable;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Something to append to the {@link AuditLog}: who did what to which resources, for which purpose, with which outcome.
 *
 * @param principal who acted
 * @param action what was done, dotted lower case: {@code data.read}, {@code data.denied}, {@code policy.change}...
 * @param resources what it was done to: {@code domain.table} or {@code domain.table.column}, in order
 * @param purpose the purpose the principal declared, if any
 * @param decision whether it was allowed, denied or failed
 * @param rowCount rows answered, for reads
 * @param details further facts as strings (channel, error code...); never data values, as the log cannot forget
 */
public record AuditEvent(String principal, String action, List<String> resources, Optional<String> purpose,
        Decision decision, Optional<Long> rowCount, Map<String, String> details) {
    /** A read of data that was answered (or failed for another reason than a denial). */
    public static final String DATA_READ = "data.read";
    /** The detail of a read holding the engine's time in milliseconds. */
    public static final String DURATION_MS = "duration_ms";
    /** A read of data that the platform refused. */
    public static final String DATA_DENIED = "data.denied";
    /** A change of an access policy. */
    public static final String POLICY_CHANGE = "policy.change";
    /** The creation of an API token. */
    public static final String TOKEN_CREATE = "token.create";
    /** The revocation of an API token. */
    public static final String TOKEN_REVOKE = "token.revoke";
    /** A table created from a query through the governed gateway. */
    public static final String TABLE_CREATE = "table.create";
    /** The erasure of a data subject. */
    public static final String PRIVACY_ERASE = "privacy.erase";

    private static final Pattern SQL_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    /** The outcome of what was attempted. */
    public enum Decision {
        ALLOWED,
        DENIED,
        FAILED;

        /** The lower-case name stored and shown. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses a label (any case). */
        public static Decision parse(String label) {
            for (Decision decision : values()) {
                if (decision.label().equalsIgnoreCase(label.trim())) {
                    return decision;
                }
            }
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown audit decision '" + label + "'",
                    "Use allowed, denied or failed");
        }
    }

    public AuditEvent {
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(resources, "resources is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(decision, "decision is null");
        requireNonNull(rowCount, "rowCount is null");
        requireNonNull(details, "details is null");
        NorthstarException.checkArgument(!principal.isBlank(), "The principal of an audit entry must be named");
        if (!ACTION.matcher(action).matches()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Audit action '" + action + "' is not valid",
                    "Write it dotted in lower case, e.g. data.read or policy.change");
        }
        resources = List.copyOf(resources);
        purpose = purpose.filter(text -> !text.isBlank());
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** An administrative change that was made: who changed what, with facts as details. */
    public static AuditEvent change(String principal, String action, List<String> resources,
            Map<String, String> details) {
        return new AuditEvent(principal, action, resources, Optional.empty(), Decision.ALLOWED, Optional.empty(),
                details);
    }

    /**
     * A read answered with the rows of {@code result}, on the tables the lake resolved for it, with how long the
     * engine took ({@code duration_ms}: the compute FinOps attributes to the tables read).
     */
    public static AuditEvent read(String principal, String channel, Optional<String> purpose, String sql,
            QueryResult result) {
        requireNonNull(result, "result is null");
        return new AuditEvent(principal, DATA_READ, UsageLog.tablesRead(result).stream().map(Object::toString)
                .toList(), purpose, Decision.ALLOWED, Optional.of((long) result.rows().size()),
                queryDetails(channel, sql, Map.of(DURATION_MS, Long.toString(result.millis()))));
    }

    /**
     * A read the governed gateway answered: as {@link #read}, with the policy decisions applied to each table —
     * columns withheld ({@code withheld}), masks ({@code masked}, column=kind), row-filtered tables
     * ({@code filtered}) and the policies that allowed it ({@code policies}, at most 500 characters).
     */
    public static AuditEvent governedRead(String principal, String channel, Optional<String> purpose, String sql,
            GovernedQuery query) {
        requireNonNull(query, "query is null");
        AuditEvent read = read(principal, channel, purpose, sql, query.result());
        Map<String, String> facts = new TreeMap<>(read.details());
        List<String> withheld = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        List<String> filtered = new ArrayList<>();
        Set<String> policies = new LinkedHashSet<>();
        for (TableAccess access : query.decisions()) {
            access.deniedColumns().stream().sorted().forEach(column -> withheld.add(access.table() + "." + column));
            new TreeMap<>(access.masks()).forEach((column, mask) -> masked.add(access.table() + "." + column + "="
                    + mask.kind().name().toLowerCase(java.util.Locale.ROOT)));
            if (!access.rowFilters().isEmpty()) {
                filtered.add(access.table().toString());
            }
            policies.addAll(access.reasons());
        }
        putJoined(facts, "withheld", withheld);
        putJoined(facts, "masked", masked);
        putJoined(facts, "filtered", filtered);
        putJoined(facts, "policies", List.copyOf(policies));
        return new AuditEvent(read.principal(), read.action(), read.resources(), read.purpose(), read.decision(),
                read.rowCount(), facts);
    }

    /**
     * A table the governed gateway created from a query ({@code table.create}): the new table as resource, the rows
     * written, and as details the tables read ({@code read}) with the masks and row filters applied to them.
     */
    public static AuditEvent governedCreate(String principal, String channel, Optional<String> purpose, String sql,
            GovernedTable table) {
        requireNonNull(table, "table is null");
        Map<String, String> facts = new TreeMap<>(queryDetails(channel, sql, Map.of()));
        facts.put("read", table.table().inputs().stream().map(Object::toString).sorted()
                .collect(java.util.stream.Collectors.joining(", ")));
        List<String> masked = new ArrayList<>();
        List<String> filtered = new ArrayList<>();
        for (TableAccess access : table.decisions()) {
            new TreeMap<>(access.masks()).forEach((column, mask) -> masked.add(access.table() + "." + column + "="
                    + mask.kind().name().toLowerCase(java.util.Locale.ROOT)));
            if (!access.rowFilters().isEmpty()) {
                filtered.add(access.table().toString());
            }
        }
        putJoined(facts, "masked", masked);
        putJoined(facts, "filtered", filtered);
        return new AuditEvent(principal, TABLE_CREATE, List.of(table.table().table().id().toString()), purpose,
                Decision.ALLOWED, Optional.of(table.table().write().rows()), facts);
    }

    private static void putJoined(Map<String, String> facts, String key, List<String> values) {
        if (!values.isEmpty()) {
            String joined = String.join("; ", values);
            facts.put(key, joined.length() > 500 ? joined.substring(0, 500) + "…" : joined);
        }
    }

    /**
     * A read that did not answer: a denial ({@code FORBIDDEN} or {@code UNAUTHENTICATED}) is {@code data.denied},
     * any other failure a failed {@code data.read}; the details carry the error code and message.
     */
    public static AuditEvent failedRead(String principal, String channel, Optional<String> purpose, String sql,
            List<String> resources, NorthstarException failure) {
        requireNonNull(failure, "failure is null");
        boolean denied = failure.code() == ErrorCode.FORBIDDEN || failure.code() == ErrorCode.UNAUTHENTICATED;
        Map<String, String> facts = new TreeMap<>();
        facts.put("error_code", failure.code().name());
        facts.put("error", errorSummary(String.valueOf(failure.getMessage()), denied));
        return new AuditEvent(principal, denied ? DATA_DENIED : DATA_READ, resources, purpose,
                denied ? Decision.DENIED : Decision.FAILED, Optional.empty(), queryDetails(channel, sql, facts));
    }

    /**
     * The first line of a failure's message, at most 300 characters. The SQL engine's messages echo the query
     * ({@code LINE 1: SELECT ...}, on later lines) and the values it could not convert ({@code 'ada@example.com'}):
     * for failures, string literals are blanked. A denial's message is the platform's own (principal, table, column,
     * missing permission) and stays whole.
     */
    static String errorSummary(String message, boolean denied) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        if (!denied) {
            line = SQL_LITERAL.matcher(line).replaceAll("'…'");
        }
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /**
     * The channel and a fingerprint of the query: its SHA-256 and length, not its text. Queries hold literals such
     * as a customer's email, and an entry of a hash chain can never be erased, so the log keeps no data values.
     */
    private static Map<String, String> queryDetails(String channel, String sql, Map<String, String> more) {
        requireNonNull(channel, "channel is null");
        Map<String, String> facts = new TreeMap<>(more);
        facts.put("channel", channel);
        if (sql != null) {
            facts.put("sql_sha256", sha256(sql));
            facts.put("sql_length", Integer.toString(sql.length()));
        }
        return facts;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
