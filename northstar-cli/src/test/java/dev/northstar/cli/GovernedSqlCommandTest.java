package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.govern.audit.AuditEntry;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code northstar sql} and {@code table create-as} read through the governed gateway: the local operator as an
 * administrator, {@code --as} a principal through its token's roles and attributes, every answer and refusal audited.
 */
class GovernedSqlCommandTest extends InitializedHomeTestBase {
    private static final String OPERATOR = "olivia";
    private static final String POLICY = """
            kind: AccessPolicy
            name: analysts
            rules:
              - effect: allow
                subjects: {roles: [analyst]}
                resources: {domains: [retail]}
              - effect: mask
                subjects: {roles: [analyst]}
                resources: {domains: [retail], columns: [email]}
                mask: keyed_hash
              - effect: filter
                subjects: {roles: [analyst]}
                resources: {tables: [retail.customers]}
                filter: country = ${subject.country}
              - effect: allow
                subjects: {roles: [analyst]}
                resources: {domains: [banking]}
                purposes: [fraud-investigation]
              - effect: mask
                subjects: {roles: [analyst]}
                resources: {domains: [banking], columns: [account_id]}
                mask: {kind: partial, keep: 4}
            """;

    @BeforeEach
    void loadTablesPoliciesAndToken() throws Exception {
        succeeds("table", "create", "retail.customers", "--column", "customer_id!:long", "--column", "email:string",
                "--column", "country:string");
        Files.writeString(directory.resolve("customers.csv"), """
                customer_id,email,country
                1,ada@example.com,FR
                2,bob@example.com,FR
                3,carl@example.com,DE
                """);
        succeeds("load", "customers.csv", "--table", "retail.customers");
        succeeds("table", "create", "banking.accounts", "--column", "account_id!:long", "--column",
                "balance:decimal(12,2)");
        Files.writeString(directory.resolve("accounts.csv"), "account_id,balance\n40001234,10.00\n40005678,20.00\n");
        succeeds("load", "accounts.csv", "--table", "banking.accounts");
        Files.writeString(directory.resolve("analysts.yaml"), POLICY);
        succeeds("policy", "apply", "analysts.yaml");
        succeeds("token", "create", "--principal", "ana", "--role", "analyst", "--attribute", "country=FR");
    }

    private CliRun operator(String... args) {
        return CliRun.run(directory, Map.of("USER", OPERATOR), args);
    }

    private CliRun succeeds(String... args) {
        CliRun run = operator(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private List<AuditEvent> audited(String action) {
        try (JdbcMetadataStore store = (JdbcMetadataStore) openStore()) {
            return new AuditLog(store.database()).list(new AuditQuery(Optional.empty(), Optional.of(action),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100)).entries().stream()
                    .map(AuditEntry::event).toList();
        }
    }

    @Test
    void theOperatorReadsEverythingAsAdminAndTheReadIsAudited() {
        CliRun run = succeeds("sql", "SELECT email FROM retail.customers ORDER BY customer_id", "--format", "csv");

        assertThat(run.out()).isEqualTo("email\nada@example.com\nbob@example.com\ncarl@example.com\n");
        AuditEvent read = audited(AuditEvent.DATA_READ).get(0);
        assertThat(read.principal()).isEqualTo(OPERATOR);
        assertThat(read.resources()).containsExactly("retail.customers");
        assertThat(read.rowCount()).contains(3L);
        assertThat(read.details()).containsEntry("channel", "cli").containsKey("policies")
                .doesNotContainKey("masked");
    }

    @Test
    void asAnAnalystEmailsAreHashedAndOnlyTheirCountryShows() {
        CliRun run = succeeds("sql", "SELECT customer_id, email FROM retail.customers ORDER BY customer_id",
                "--as", "ana", "--format", "csv");

        List<String> lines = run.outLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).matches("1,[0-9a-f]{64}");
        assertThat(lines.get(2)).matches("2,[0-9a-f]{64}");
        assertThat(run.out()).doesNotContain("@example.com");
        AuditEvent read = audited(AuditEvent.DATA_READ).get(0);
        assertThat(read.principal()).isEqualTo("ana");
        assertThat(read.details()).containsEntry("channel", "cli-as:" + OPERATOR)
                .containsEntry("masked", "retail.customers.email=keyed_hash")
                .containsEntry("filtered", "retail.customers");
    }

    @Test
    void bankingNeedsTheFraudPurposeAndShowsPartialAccountNumbers() {
        CliRun denied = operator("sql", "SELECT account_id FROM banking.accounts", "--as", "ana");

        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(6);
        assertThat(denied.out()).isEmpty();
        assertThat(denied.err()).startsWith("error: ").contains("ana").contains("banking.accounts")
                .doesNotContain("\tat ");
        AuditEvent refusal = audited(AuditEvent.DATA_DENIED).get(0);
        assertThat(refusal.principal()).isEqualTo("ana");
        assertThat(refusal.decision()).isEqualTo(AuditEvent.Decision.DENIED);
        assertThat(refusal.details()).containsEntry("channel", "cli-as:" + OPERATOR)
                .containsEntry("error_code", "FORBIDDEN");

        CliRun allowed = succeeds("sql", "SELECT account_id, balance FROM banking.accounts ORDER BY balance",
                "--as", "ana", "--purpose", "fraud-investigation", "--format", "csv");

        assertThat(allowed.out()).isEqualTo("account_id,balance\n****1234,10.00\n****5678,20.00\n");
        assertThat(audited(AuditEvent.DATA_READ).get(0).purpose()).contains("fraud-investigation");
    }

    @Test
    void aReadTheAuditLogCannotRecordIsNotShown() {
        try (JdbcMetadataStore store = (JdbcMetadataStore) openStore()) {
            store.database().call("refuse reads", handle -> handle.execute("CREATE TRIGGER refuse_reads BEFORE INSERT"
                    + " ON ns_audit_log WHEN NEW.action = 'data.read' BEGIN SELECT RAISE(ABORT, 'audit log full');"
                    + " END"));
        }

        CliRun run = operator("sql", "SELECT email FROM retail.customers", "--format", "csv");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("audit log full").doesNotContain("@example.com");
    }

    @Test
    void asNeedsATokenOrRolesAndOptionsOverrideTheToken() {
        CliRun noToken = operator("sql", "SELECT count(*) FROM retail.customers", "--as", "bea");
        CliRun rolesWithoutAs = operator("sql", "SELECT 1", "--role", "analyst");
        CliRun otherCountry = succeeds("sql", "SELECT customer_id FROM retail.customers", "--as", "bea", "--role",
                "analyst", "--attribute", "country=DE", "--format", "csv");
        CliRun tokenOverridden = succeeds("sql", "SELECT customer_id FROM retail.customers", "--as", "ana",
                "--attribute", "country=DE", "--format", "csv");

        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("No active API token for 'bea'")
                .contains("--role ROLE", "northstar token create --principal bea");
        assertThat(rolesWithoutAs.exitCode()).isEqualTo(2);
        assertThat(rolesWithoutAs.err()).contains("Add --as NAME");
        assertThat(otherCountry.out()).isEqualTo("customer_id\n3\n");
        assertThat(tokenOverridden.out()).isEqualTo("customer_id\n3\n");
    }

    @Test
    void createAsWritesWhatThePrincipalSeesInItsOwnDomainOnly() {
        CliRun foreign = operator("table", "create-as", "banking.copy", "SELECT * FROM retail.customers",
                "--as", "ana", "--attribute", "domains=sandbox");
        CliRun own = succeeds("table", "create-as", "sandbox.fr_customers",
                "SELECT customer_id, email FROM retail.customers", "--as", "ana", "--attribute", "domains=sandbox");
        CliRun byOperator = succeeds("table", "create-as", "analytics.all_customers",
                "SELECT customer_id, email FROM retail.customers");

        assertThat(foreign.exitCode()).as(foreign.toString()).isEqualTo(6);
        assertThat(foreign.err()).contains("ana may not create banking.copy").contains("own domains: sandbox");
        assertThat(operator("table", "describe", "banking.copy").exitCode()).isEqualTo(3);
        assertThat(own.out()).contains("Created table sandbox.fr_customers with 2 columns and 2 rows");
        String stored = succeeds("sql", "SELECT email FROM sandbox.fr_customers", "--format", "csv").out();
        assertThat(stored.lines().skip(1)).hasSize(2).allMatch(value -> value.matches("[0-9a-f]{64}"));
        assertThat(byOperator.out()).contains("with 2 columns and 3 rows");
        assertThat(succeeds("lineage", "show", "sandbox.fr_customers", "--upstream").out())
                .contains("retail.customers");
        assertThat(audited("table.create")).extracting(AuditEvent::principal).containsExactly(OPERATOR, "ana");
        assertThat(audited(AuditEvent.DATA_DENIED).get(0).resources()).containsExactly("banking.copy");
    }
}
