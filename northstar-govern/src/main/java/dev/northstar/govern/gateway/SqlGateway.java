package dev.northstar.govern.gateway;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.policy.AccessPolicy;
import dev.northstar.govern.policy.AccessRequests;
import dev.northstar.govern.policy.PolicyEngine;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.govern.privacy.MaskKey;
import dev.northstar.govern.privacy.MasterKey;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The governed SQL gateway: every read a principal makes goes through here. The lake's sandboxed query path parses
 * the SQL (queries only; no files, table functions, other catalogs or system views), and each table the query reads
 * is replaced, for this query only, by a view that applies the access policy's decision: a denied table fails the
 * query, denied columns are absent (so {@code *} shows only allowed columns, and naming one is a FORBIDDEN error
 * naming the column), masked columns are computed in SQL and row filters are a WHERE in that view. Since the view is
 * the only thing the table's name resolves to, CTEs, subqueries, UNION, joins, time travel and functions all read
 * the masked, filtered rows.
 */
public final class SqlGateway {
    /** The principal attribute listing the domains a principal owns and may create tables in. */
    public static final String DOMAINS_ATTRIBUTE = "domains";

    private final Lakehouse lake;
    private final AccessPolicy policy;
    private final byte[] hashKey;

    /**
     * @param lake the lakehouse
     * @param policy the access decisions to enforce
     * @param hashKey the platform key of keyed-hash masks (at least 16 bytes, e.g. 32 random bytes kept in the
     *     keystore); it never enters SQL a query can see
     */
    public SqlGateway(Lakehouse lake, AccessPolicy policy, byte[] hashKey) {
        this.lake = requireNonNull(lake, "lake is null");
        this.policy = requireNonNull(policy, "policy is null");
        requireNonNull(hashKey, "hashKey is null");
        if (hashKey.length < 16) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "The gateway's keyed-hash key has " + hashKey.length + " bytes; at least 16 are needed",
                    "Use a 32-byte random key");
        }
        this.hashKey = hashKey.clone();
    }

    /**
     * The gateway of an installation: the policy engine over the stored policies (installing the
     * {@linkplain PolicyStore#BASELINE baseline policy} on first use), contracts and access requests of
     * {@code database}, and the installation's {@link MaskKey}.
     *
     * @param settings where the master key is found, if configured
     */
    public static SqlGateway open(Lakehouse lake, MetadataDatabase database, Settings settings) {
        requireNonNull(lake, "lake is null");
        requireNonNull(database, "database is null");
        requireNonNull(settings, "settings is null");
        return new SqlGateway(lake, engine(lake, database), MaskKey.load(database, MasterKey.find(settings)));
    }

    /** The policy engine of an installation, with the baseline policy installed. */
    public static PolicyEngine engine(Lakehouse lake, MetadataDatabase database) {
        PolicyStore policies = new PolicyStore(database, Clock.systemUTC(), PolicyStore.columnsOf(lake));
        policies.installBaseline();
        Optional<ProductRegistry> registry = Optional.of(new ProductRegistry(database, lake));
        return new PolicyEngine(policies, new AccessRequests(database, registry, Clock.systemUTC()), registry,
                database);
    }

    /** The access policy this gateway enforces. */
    public AccessPolicy policy() {
        return policy;
    }

    /**
     * Runs a query as a principal.
     *
     * @param principal who reads
     * @param purpose the purpose the query declares, if any (the policy decides whether it counts)
     * @param sql one SELECT (or WITH ... SELECT), tables named {@code domain.table}
     * @param options snapshots, time, row limit (any guard in them is replaced by the principal's)
     * @throws NorthstarException {@code FORBIDDEN} naming the table or column and the missing permission,
     *     {@code INVALID_SQL}, {@code TABLE_NOT_FOUND}
     */
    public GovernedQuery query(Principal principal, Optional<String> purpose, String sql, QueryOptions options) {
        requireNonNull(principal, "principal is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(sql, "sql is null");
        PolicyGuard guard = new PolicyGuard(policy, principal, purpose, hashKey);
        try {
            QueryResult result = lake.query(sql, options.withGuard(guard));
            return new GovernedQuery(result, guard.decisions());
        } catch (NorthstarException e) {
            throw guard.deniedColumn(e).orElse(e);
        }
    }

    /**
     * Creates a table from a query in one of the principal's own domains (attribute {@value #DOMAINS_ATTRIBUTE},
     * comma-separated), reading through the same masks and filters as {@link #query}.
     *
     * @throws NorthstarException {@code FORBIDDEN} when the target's domain is not the principal's
     */
    public GovernedTable createTableAs(Principal principal, Optional<String> purpose, TableId target, String sql,
            WriteOptions options) {
        requireNonNull(target, "target is null");
        List<String> domains = domains(principal);
        if (!domains.contains(target.domain())) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, principal.name() + " may not create " + target
                    + ": missing write permission on domain " + target.domain() + " (own domains: "
                    + (domains.isEmpty() ? "none" : String.join(", ", domains)) + ")",
                    "Create tables in your own domain, e.g. " + (domains.isEmpty() ? "<domain>" : domains.get(0))
                            + "." + target.name());
        }
        PolicyGuard guard = new PolicyGuard(policy, principal, purpose, hashKey);
        try {
            TableFromQuery created = lake.createTableAs(target, sql, QueryOptions.defaults().withGuard(guard),
                    options);
            return new GovernedTable(created, guard.decisions());
        } catch (NorthstarException e) {
            throw guard.deniedColumn(e).orElse(e);
        }
    }

    /** The principal's own domains, from its {@value #DOMAINS_ATTRIBUTE} attribute. */
    public static List<String> domains(Principal principal) {
        String value = principal.attributes().getOrDefault(DOMAINS_ATTRIBUTE, "");
        return Arrays.stream(value.split(",")).map(domain -> domain.trim().toLowerCase(Locale.ROOT))
                .filter(domain -> !domain.isEmpty()).toList();
    }
}
