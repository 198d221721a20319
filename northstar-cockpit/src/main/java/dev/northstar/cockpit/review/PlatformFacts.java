package dev.northstar.cockpit.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditVerification;
import dev.northstar.lake.store.MetadataDatabase;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What the metadata database says about the platform, counted for the readiness evaluation: contracts, classification,
 * policies, privacy requests, the audit chain, ingestion and quality runs, lineage, feature views and the model
 * registry.
 *
 * @param activeContracts contracts with a version in force
 * @param contractDomains domains publishing at least one contract in force
 * @param governedTables tables governed by a contract in force
 * @param scannedTables tables scanned for personal data
 * @param pendingSuggestions classification suggestions waiting for a steward
 * @param reviewedSuggestions classification suggestions accepted or rejected
 * @param policies access policies in force
 * @param maskingPolicies policies with at least one {@code mask} rule
 * @param purposePolicies policies with at least one rule restricted to declared purposes (consent and purpose)
 * @param privacyRequests data-subject requests received
 * @param privacyRequestsOverdue requests not completed past their deadline
 * @param auditEntries entries in the audit log
 * @param auditIntact whether the audit hash chain verifies
 * @param succeededRuns ingestion and other runs that succeeded
 * @param qualityRuns check runs recorded
 * @param lineageEvents OpenLineage events recorded
 * @param featureViews feature views applied
 * @param models registered models
 * @param champions models with a {@code champion} alias
 * @param challengers models with a {@code challenger} alias (A/B or canary)
 * @param championsWithDrift champions registered with a drift reference
 * @param championsWithFairness champions whose fairness report covers at least one protected attribute
 */
public record PlatformFacts(long activeContracts, long contractDomains, long governedTables, long scannedTables,
        long pendingSuggestions, long reviewedSuggestions, long policies, long maskingPolicies,
        long purposePolicies, long privacyRequests, long privacyRequestsOverdue, long auditEntries,
        boolean auditIntact, long succeededRuns, long qualityRuns, long lineageEvents, long featureViews,
        long models, long champions, long challengers, long championsWithDrift, long championsWithFairness) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nothing measured: a platform with an empty database. */
    public static final PlatformFacts NONE = new PlatformFacts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0, 0, 0, 0,
            0, 0, 0, 0, 0);

    /**
     * Reads the facts from a metadata database whose migrations have run.
     *
     * @param database the metadata database
     * @param now the instant deadlines are compared with
     */
    public static PlatformFacts read(MetadataDatabase database, Instant now) {
        return read(database, now, new AuditLog(database).verify());
    }

    /**
     * Reads the facts, with the audit chain as {@code audit} found it.
     *
     * @param database the metadata database
     * @param now the instant deadlines are compared with
     * @param audit a verification of the audit chain
     */
    public static PlatformFacts read(MetadataDatabase database, Instant now, AuditVerification audit) {
        return database.call("read the platform's state for the readiness checklist", handle -> {
            List<String> policyYaml = handle.createQuery("SELECT yaml FROM ns_policies").mapTo(String.class).list();
            long masking = policyYaml.stream().filter(yaml -> hasRule(yaml, "mask", false)).count();
            long purposes = policyYaml.stream().filter(yaml -> hasRule(yaml, null, true)).count();
            List<String> championFairness = handle.createQuery("""
                    SELECT v.fairness FROM ns_model_alias a
                    JOIN ns_model_version v ON v.name = a.name AND v.version = a.version
                    WHERE a.alias = 'champion'""").mapTo(String.class).list();
            long fair = championFairness.stream().filter(PlatformFacts::coversAnAttribute).count();
            return new PlatformFacts(
                    count(handle, "SELECT count(DISTINCT contract_id) FROM ns_contract_versions WHERE active"),
                    count(handle, "SELECT count(DISTINCT domain) FROM ns_contract_versions WHERE active"),
                    count(handle, """
                            SELECT count(*) FROM (SELECT DISTINCT t.table_domain, t.table_name
                            FROM ns_contract_tables t JOIN ns_contract_versions v
                            ON v.contract_id = t.contract_id AND v.version = t.version WHERE v.active) governed"""),
                    count(handle, "SELECT count(*) FROM ns_classification_scans"),
                    count(handle, "SELECT count(*) FROM ns_classification_suggestions WHERE status = 'PENDING'"),
                    count(handle, "SELECT count(*) FROM ns_classification_suggestions WHERE status <> 'PENDING'"),
                    policyYaml.size(),
                    masking,
                    purposes,
                    count(handle, "SELECT count(*) FROM ns_privacy_requests"),
                    handle.createQuery("SELECT count(*) FROM ns_privacy_requests WHERE status <> 'COMPLETED' "
                            + "AND deadline_at < :now").bind("now", now.toEpochMilli()).mapTo(Long.class).one(),
                    audit.entries(),
                    audit.intact(),
                    count(handle, "SELECT count(*) FROM ns_runs WHERE status = 'SUCCEEDED'"),
                    count(handle, "SELECT count(*) FROM ns_quality_runs"),
                    count(handle, "SELECT count(*) FROM ns_lineage_events"),
                    count(handle, "SELECT count(DISTINCT name) FROM ns_feature_views"),
                    count(handle, "SELECT count(DISTINCT name) FROM ns_model_version"),
                    count(handle, "SELECT count(*) FROM ns_model_alias WHERE alias = 'champion'"),
                    count(handle, "SELECT count(*) FROM ns_model_alias WHERE alias = 'challenger'"),
                    count(handle, """
                            SELECT count(*) FROM ns_model_alias a WHERE a.alias = 'champion' AND EXISTS (
                            SELECT 1 FROM ns_model_artifact r WHERE r.name = a.name AND r.version = a.version
                            AND r.kind = 'drift-reference')"""),
                    fair);
        });
    }

    private static long count(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }

    /** Whether a policy has a rule of this effect (any when null), or with purposes when {@code withPurposes}. */
    private static boolean hasRule(String yaml, String effect, boolean withPurposes) {
        try {
            JsonNode rules = YAML.readTree(yaml).path("rules");
            for (JsonNode rule : rules) {
                boolean effectMatches = effect == null || effect.equalsIgnoreCase(rule.path("effect").asText());
                boolean purposesMatch = !withPurposes || rule.path("purposes").size() > 0;
                if (effectMatches && purposesMatch) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            // Policies are validated when applied; one that no longer parses simply counts for nothing here.
            return false;
        }
    }

    private static boolean coversAnAttribute(String fairness) {
        try {
            return JSON.readTree(fairness).path("attributes").size() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
