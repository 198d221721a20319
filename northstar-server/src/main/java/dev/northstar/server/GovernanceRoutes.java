package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.lineage.ColumnLineage;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.govern.privacy.MaskKey;
import dev.northstar.govern.privacy.MasterKey;
import dev.northstar.lake.config.Settings;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The governance stage's routes, built once per server so the API and the console share their state (one catalog
 * search index) and classification sees the same column lineage as the lineage pages.
 *
 * @param catalog the catalog and glossary routes
 * @param lineage the lineage routes
 * @param classification the classification routes, propagating classes along the lineage graph
 * @param policies access policies, their simulator and access requests
 * @param privacy data-subject requests and keys
 * @param audit the tamper-evident audit log
 * @param reads every data read of the server, through the governed SQL gateway
 */
record GovernanceRoutes(CatalogRoutes catalog, LineageRoutes lineage, ClassificationRoutes classification,
        PolicyRoutes policies, PrivacyRoutes privacy, AuditRoutes audit, GovernedReads reads) {
    GovernanceRoutes {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(lineage, "lineage is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(policies, "policies is null");
        requireNonNull(privacy, "privacy is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(reads, "reads is null");
    }

    /** The routes over a lake and a store; with a JDBC store, classification reads the current lineage graph. */
    static GovernanceRoutes of(Lakehouse lakehouse, MetadataStore store) {
        ColumnLineage columns = store instanceof JdbcMetadataStore jdbc
                ? graph(new Lineage(lakehouse, jdbc.database()))
                : Map::of;
        ClassificationRoutes classification = new ClassificationRoutes(lakehouse, store, columns);
        PolicyRoutes policies = new PolicyRoutes(lakehouse, store);
        return new GovernanceRoutes(new CatalogRoutes(lakehouse, store, classification::governanceSection),
                new LineageRoutes(lakehouse, store), classification, policies, new PrivacyRoutes(lakehouse, store),
                new AuditRoutes(lakehouse, store), new GovernedReads(lakehouse, gateway(lakehouse, store, policies)));
    }

    /**
     * The gateway of the server's reads: with the JDBC store, the policy engine over the stored policies and the
     * installation's mask key; with any other store (tests, tools) there are no policies to read, so only the
     * {@code admin} role reads, unrestricted, under a key of this process.
     */
    private static SqlGateway gateway(Lakehouse lakehouse, MetadataStore store, PolicyRoutes policies) {
        if (store instanceof JdbcMetadataStore jdbc && policies.engine().isPresent()) {
            return new SqlGateway(lakehouse, policies.engine().get(), MaskKey.load(jdbc.database(),
                    MasterKey.find(Settings.load(lakehouse.config().home()))));
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SqlGateway(lakehouse, (principal, purpose, table, columns) -> principal.hasRole("admin")
                ? TableAccess.unrestricted(table, "allow: administrators (no policy store)")
                : TableAccess.denied(table, "deny: without the platform's metadata database only administrators"
                        + " read data"), key);
    }

    /** Column lineage read from the stored events when asked, so a new run or outside event counts at once. */
    private static ColumnLineage graph(Lineage lineage) {
        return () -> lineage.graph().inputsByColumn();
    }

    /** Every API route of the stage. */
    List<ApiRoute> api() {
        List<ApiRoute> routes = new ArrayList<>(catalog.api());
        routes.addAll(lineage.api());
        routes.addAll(classification.api());
        routes.addAll(policies.api());
        routes.addAll(privacy.api());
        routes.addAll(audit.api());
        return List.copyOf(routes);
    }

    /** Installs every console page of the stage. */
    void console(Javalin app, ConsoleLayout layout) {
        catalog.console(app, layout);
        lineage.console(app, layout);
        classification.console(app, layout);
        policies.console(app, layout);
        privacy.console(app, layout);
        audit.console(app, layout);
    }
}
