package dev.northstar.govern.policy;

import static dev.northstar.govern.policy.PolicyFixture.CUSTOMERS;
import static dev.northstar.govern.policy.PolicyFixture.TRANSACTIONS;
import static dev.northstar.govern.policy.PolicyFixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.QueryOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEngineTest {
    @TempDir
    Path directory;

    private PolicyFixture fixture;

    private static final Principal ANALYST = principal("ana", Set.of("analyst"), Map.of("region", "EU"));
    private static final Principal INVESTIGATOR = principal("ivan", Set.of("fraud-investigator"),
            Map.of("clearance", "restricted"));
    private static final Principal MARKETER = principal("mark", Set.of("marketing"), Map.of());

    @BeforeEach
    void open() throws Exception {
        fixture = new PolicyFixture(directory).withPolicies();
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private Decision simulate(Principal principal, String purpose, dev.northstar.spi.schema.TableId table) {
        return fixture.simulator.simulate(principal, Optional.ofNullable(purpose), table);
    }

    @Test
    void analystsReportWithRestrictedColumnsHashedAndTheirRegionOnly() {
        Decision decision = simulate(ANALYST, "reporting", TRANSACTIONS);
        TableAccess access = decision.access();

        assertThat(access.allowed()).isTrue();
        assertThat(access.deniedColumns()).isEmpty();
        assertThat(access.masks()).containsOnlyKeys("account_iban", "card_number");
        assertThat(access.masks().get("account_iban").kind()).isEqualTo(ColumnMask.Kind.KEYED_HASH);
        assertThat(access.rowFilters()).containsExactly("region = 'EU'");
        assertThat(access.reasons()).anyMatch(reason -> reason.startsWith("allow: analysts#1"))
                .anyMatch(reason -> reason.startsWith("filter: analysts#3"));
        assertThat(decision.columns()).extracting(ColumnDecision::column, ColumnDecision::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("txn_id", ColumnDecision.Status.ALLOWED),
                org.assertj.core.groups.Tuple.tuple("account_iban", ColumnDecision.Status.MASKED),
                org.assertj.core.groups.Tuple.tuple("card_number", ColumnDecision.Status.MASKED),
                org.assertj.core.groups.Tuple.tuple("amount", ColumnDecision.Status.ALLOWED),
                org.assertj.core.groups.Tuple.tuple("region", ColumnDecision.Status.ALLOWED));

        // the bound filter is real SQL over the table: the EU rows only
        var rows = fixture.lake.query("SELECT count(*) FROM banking.transactions WHERE "
                + access.rowFilters().get(0), QueryOptions.defaults()).rows();
        assertThat(((Number) rows.get(0).get(0)).longValue()).isEqualTo(5);
    }

    @Test
    void subjectAttributesAreBoundAsLiteralsNotPasted() {
        Principal sneaky = principal("eve", Set.of("analyst"), Map.of("region", "EU' OR '1'='1"));
        TableAccess access = simulate(sneaky, "reporting", TRANSACTIONS).access();

        assertThat(access.rowFilters()).containsExactly("region = 'EU'' OR ''1''=''1'");
        var rows = fixture.lake.query("SELECT count(*) FROM banking.transactions WHERE "
                + access.rowFilters().get(0), QueryOptions.defaults()).rows();
        assertThat(((Number) rows.get(0).get(0)).longValue()).isZero();
    }

    @Test
    void aRowFilterNeedingAnAttributeThePrincipalLacksDeniesTheTable() {
        TableAccess access = simulate(principal("noregion", Set.of("analyst"), Map.of()), "reporting", TRANSACTIONS)
                .access();

        assertThat(access.allowed()).isFalse();
        assertThat(access.reasons()).singleElement().asString().contains("[region]").contains("lacks");
    }

    @Test
    void thePurposeMustBeOneTheContractAllows() {
        TableAccess none = simulate(ANALYST, null, TRANSACTIONS).access();
        TableAccess marketing = simulate(ANALYST, "marketing", TRANSACTIONS).access();

        assertThat(none.allowed()).isFalse();
        assertThat(none.reasons()).singleElement().asString()
                .contains("allows only the purposes [fraud-investigation, reporting]").contains("declares none");
        assertThat(marketing.allowed()).isFalse();
        assertThat(marketing.reasons()).singleElement().asString().contains("declares 'marketing'");
    }

    @Test
    void andOneThePolicyAllows() {
        // the contract allows reporting on customers, but marketing's policy allows only the marketing purpose
        TableAccess access = simulate(MARKETER, "reporting", CUSTOMERS).access();

        assertThat(access.allowed()).isFalse();
        assertThat(access.reasons()).singleElement().asString()
                .isEqualTo("deny: no policy allows mark (marketing) to read retail.customers for purpose"
                        + " 'reporting' (default deny)");
    }

    @Test
    void defaultDenyWithoutAMatchingAllow() {
        assertThat(simulate(principal("nobody", Set.of("intern"), Map.of()), "reporting", CUSTOMERS).access()
                .allowed()).isFalse();
        // clearance below confidential: the fraud allow does not match
        Principal junior = principal("jun", Set.of("fraud-investigator"), Map.of("clearance", "internal"));
        assertThat(simulate(junior, "fraud-investigation", TRANSACTIONS).access().allowed()).isFalse();
    }

    @Test
    void fraudInvestigatorsSeeCardNumbersPartially() {
        Decision decision = simulate(INVESTIGATOR, "fraud-investigation", TRANSACTIONS);

        assertThat(decision.access().allowed()).isTrue();
        assertThat(decision.access().masks()).containsOnlyKeys("card_number");
        assertThat(decision.access().masks().get("card_number"))
                .isEqualTo(new ColumnMask(ColumnMask.Kind.PARTIAL, Map.of("keep", "4", "from", "end")));
        assertThat(decision.access().rowFilters()).isEmpty();
    }

    @Test
    void theMostRestrictiveMaskWins() {
        Principal both = principal("bo", Set.of("analyst", "fraud-investigator"),
                Map.of("clearance", "confidential", "region", "US"));
        Decision decision = simulate(both, "fraud-investigation", TRANSACTIONS);

        // analysts' keyed hash (any purpose) beats the investigators' partial mask
        assertThat(decision.access().masks().get("card_number").kind()).isEqualTo(ColumnMask.Kind.KEYED_HASH);
        assertThat(decision.columns()).filteredOn(column -> column.column().equals("card_number")).singleElement()
                .extracting(ColumnDecision::reason).asString().contains("more restrictive than fraud#2 partial(from=end, keep=4)");
        // the analysts' row filter applies whatever the purpose
        assertThat(decision.access().rowFilters()).containsExactly("region = 'US'");
    }

    @Test
    void denyBeatsAllow() {
        Principal suspended = principal("sam", Set.of("analyst"), Map.of("region", "EU", "status", "suspended"));
        TableAccess access = simulate(suspended, "reporting", TRANSACTIONS).access();

        assertThat(access.allowed()).isFalse();
        assertThat(access.reasons()).singleElement().asString().startsWith("deny: blocked#1 denies sam (analyst)");
    }

    @Test
    void aColumnDenyBeatsTheTableAllowAndMasksApplyToTheRest() {
        Decision decision = simulate(MARKETER, "marketing", CUSTOMERS);

        assertThat(decision.access().allowed()).isTrue();
        assertThat(decision.access().deniedColumns()).containsExactly("birth_year");
        assertThat(decision.access().masks()).containsOnlyKeys("email");
        assertThat(decision.access().masks().get("email").kind()).isEqualTo(ColumnMask.Kind.REDACT);
        assertThat(decision.access().reasons()).contains("deny column birth_year: marketing#2 (deny beats allow)");
    }

    @Test
    void approvedRequestsGrantTemporaryAccessThatExpires() {
        Principal dave = principal("dave", Set.of("intern"), Map.of());
        assertThat(simulate(dave, "reporting", CUSTOMERS).access().allowed()).isFalse();

        AccessRequest request = fixture.requests.request("dave", CUSTOMERS, "Reporting", "Quarterly churn figures",
                Duration.ofHours(8));
        assertThat(request.status()).isEqualTo(AccessRequest.Status.PENDING);
        assertThat(simulate(dave, "reporting", CUSTOMERS).access().allowed()).isFalse();

        assertThatThrownBy(() -> fixture.requests.approve(request.id(), principal("dave", Set.of(), Map.of()),
                Optional.empty())).isInstanceOf(NorthstarException.class).hasMessageContaining("their own");
        assertThatThrownBy(() -> fixture.requests.approve(request.id(), principal("mallory", Set.of("steward"),
                Map.of()), Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.hint()).contains("carol");
                });

        AccessRequest approved = fixture.requests.approve(request.id(), principal("carol", Set.of(), Map.of()),
                Optional.of("ok for Q4"));
        assertThat(approved.expiresAt()).contains(PolicyFixture.START.plus(Duration.ofHours(8)));
        TableAccess granted = simulate(dave, "reporting", CUSTOMERS).access();
        assertThat(granted.allowed()).isTrue();
        assertThat(granted.reasons()).anyMatch(reason -> reason.contains(request.id()) && reason.contains("carol"));
        // the grant is for its purpose only; the contract still decides the purpose
        assertThat(simulate(dave, "marketing", CUSTOMERS).access().allowed()).isFalse();

        fixture.clock.advance(Duration.ofHours(8));
        assertThat(simulate(dave, "reporting", CUSTOMERS).access().allowed()).isFalse();
        assertThatThrownBy(() -> fixture.requests.deny(request.id(), principal("carol", Set.of(), Map.of()),
                Optional.empty())).hasMessageContaining("already approved");
    }

    @Test
    void aRowFilterOnAColumnTheTableLacksDeniesIt() {
        fixture.policies.apply(List.of(new PolicyStore.Source("typo.yaml", """
                kind: AccessPolicy
                name: typo
                rules:
                  - effect: filter
                    subjects: {roles: [analyst]}
                    resources: {tables: [retail.*]}
                    filter: regoin = ${subject.region}
                """)), "steward");

        TableAccess access = simulate(ANALYST, "reporting", CUSTOMERS).access();

        assertThat(access.allowed()).isFalse();
        assertThat(access.reasons()).singleElement().asString().contains("regoin");
    }

    @Test
    void aChangeAppliesToTheNextDecisionDespiteTheCache() {
        assertThat(simulate(ANALYST, "reporting", CUSTOMERS).access().allowed()).isTrue();

        fixture.policies.apply(List.of(new PolicyStore.Source("freeze.yaml", """
                kind: AccessPolicy
                name: freeze
                rules:
                  - effect: deny
                    resources: {tables: [retail.customers]}
                """)), "steward");
        assertThat(simulate(ANALYST, "reporting", CUSTOMERS).access().reasons()).singleElement().asString()
                .startsWith("deny: freeze#1");

        fixture.policies.delete("freeze", "steward");
        assertThat(simulate(ANALYST, "reporting", CUSTOMERS).access().allowed()).isTrue();
    }

    @Test
    void simulatingAnUnknownTableNamesIt() {
        assertThatThrownBy(() -> simulate(ANALYST, "reporting", dev.northstar.spi.schema.TableId.parse("retail.nope")))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }
}
