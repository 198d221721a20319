package dev.northstar.govern.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy store and access requests on a database: SQLite here, PostgreSQL in {@link PostgresPolicyStoreTest}. */
class PolicyStoreTest {
    @TempDir
    Path directory;

    /** The lake configuration of a fresh metadata database. */
    protected dev.northstar.lake.LakeConfig freshDatabase(Path home) throws Exception {
        return dev.northstar.lake.LakeConfig.embedded(home);
    }

    /** Drops what {@link #freshDatabase} made. */
    protected void dropDatabases() throws Exception {
        // @TempDir deletes the files.
    }

    @org.junit.jupiter.api.AfterEach
    void cleanUp() throws Exception {
        dropDatabases();
    }

    private PolicyFixture fixture() throws Exception {
        return new PolicyFixture(directory, freshDatabase(Files.createDirectories(directory.resolve("home"))));
    }

    @Test
    void versionsEveryChangeWithWhoAndWhen() throws Exception {
        try (PolicyFixture fixture = fixture()) {
            PolicyStore store = fixture.policies;
            Path folder = Files.createDirectories(directory.resolve("policies"));
            Files.writeString(folder.resolve("analysts.yaml"), PolicyFixture.ANALYSTS);
            Files.writeString(folder.resolve("fraud.yml"), PolicyFixture.FRAUD);
            Files.writeString(folder.resolve("README.md"), "not a policy");

            List<PolicyStore.Applied> first = store.apply(PolicyStore.read(folder), "sofia");
            assertThat(first).extracting(PolicyStore.Applied::name, PolicyStore.Applied::version,
                    PolicyStore.Applied::changed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("analysts", 1L, true),
                    org.assertj.core.groups.Tuple.tuple("fraud", 1L, true));
            assertThat(store.apply(PolicyStore.read(folder), "sofia")).allMatch(applied -> !applied.changed());

            fixture.clock.advance(Duration.ofMinutes(5));
            Files.writeString(folder.resolve("fraud.yml"), PolicyFixture.FRAUD.replace("keep: 4", "keep: 2"));
            assertThat(store.apply(PolicyStore.read(folder.resolve("fraud.yml")), "tom")).singleElement()
                    .extracting(PolicyStore.Applied::version).isEqualTo(2L);

            StoredPolicy fraud = store.get("fraud");
            assertThat(fraud.version()).isEqualTo(2);
            assertThat(fraud.updatedBy()).isEqualTo("tom");
            assertThat(fraud.updatedAt()).isEqualTo(PolicyFixture.START.plus(Duration.ofMinutes(5)));
            assertThat(fraud.document().rules().get(1).mask().orElseThrow().options()).containsEntry("keep", "2");

            store.delete("fraud", "sofia");
            assertThat(store.history("fraud")).extracting(PolicyChange::version, PolicyChange::action,
                    PolicyChange::changedBy).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1L, "APPLIED", "sofia"),
                    org.assertj.core.groups.Tuple.tuple(2L, "APPLIED", "tom"),
                    org.assertj.core.groups.Tuple.tuple(3L, "DELETED", "sofia"));
            assertThat(store.list()).extracting(StoredPolicy::name).containsExactly("analysts");
            assertThatThrownBy(() -> store.get("fraud")).isInstanceOfSatisfying(NorthstarException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                assertThat(e.hint()).contains("analysts");
            });
        }
    }

    @Test
    void grantsExpireAndDecisionsAreStored() throws Exception {
        try (PolicyFixture fixture = fixture()) {
            AccessRequest request = fixture.requests.request("dave", PolicyFixture.CUSTOMERS, "reporting",
                    "Churn report", Duration.ofHours(2));
            AccessRequest denied = fixture.requests.request("dave", PolicyFixture.CUSTOMERS, "marketing",
                    "Campaign", Duration.ofDays(1));
            fixture.requests.approve(request.id(), PolicyFixture.principal("carol", java.util.Set.of(),
                    java.util.Map.of()), java.util.Optional.empty());
            fixture.requests.deny(denied.id(), PolicyFixture.principal("root", java.util.Set.of("admin"),
                    java.util.Map.of()), java.util.Optional.of("not for campaigns"));

            assertThat(fixture.requests.grants("dave", PolicyFixture.CUSTOMERS)).extracting(AccessRequest::id)
                    .containsExactly(request.id());
            assertThat(fixture.requests.get(denied.id()).note()).contains("not for campaigns");
            assertThat(fixture.requests.list(java.util.Optional.of(AccessRequest.Status.PENDING))).isEmpty();
            fixture.clock.advance(Duration.ofHours(2));
            assertThat(fixture.requests.grants("dave", PolicyFixture.CUSTOMERS)).isEmpty();
            assertThatThrownBy(() -> fixture.requests.request("dave", PolicyFixture.CUSTOMERS, "reporting", "x",
                    Duration.ofDays(91))).hasMessageContaining("Invalid grant duration");
        }
    }

    @Test
    void anInvalidDocumentStoresNothing() throws Exception {
        try (PolicyFixture fixture = fixture()) {
            assertThatThrownBy(() -> fixture.policies.apply(List.of(
                    new PolicyStore.Source("ok.yaml", PolicyFixture.ANALYSTS),
                    new PolicyStore.Source("dup.yaml", PolicyFixture.ANALYSTS.replace("Analysts report", "Copy")),
                    new PolicyStore.Source("bad.yaml", "kind: AccessPolicy\nname: bad\nrules:\n  - effect: maybe\n"
                            + "    resources: {domains: [x]}\n")), "sofia"))
                    .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                            .extracting(YamlProblem::toString)
                            .anySatisfy(problem -> assertThat(problem).startsWith("bad.yaml:4:5: rules[0].effect"))
                            .anySatisfy(problem -> assertThat(problem).contains("also defined in ok.yaml")));
            assertThat(fixture.policies.list()).isEmpty();
            // a row filter naming a table is checked against its columns when applied
            String typo = "kind: AccessPolicy\nname: typo\nrules:\n  - effect: filter\n"
                    + "    resources: {tables: [retail.customers]}\n    filter: regoin = 'EU'\n";
            assertThatThrownBy(() -> fixture.policies.apply(List.of(new PolicyStore.Source("typo.yaml", typo)),
                    "sofia")).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                            .singleElement().asString().startsWith("typo.yaml:6:5: rules[0].filter:")
                            .contains("'regoin', which the table does not have"));
            assertThat(fixture.policies.lint(typo, "typo.yaml")).hasSize(1);
            assertThat(PolicyParser.lint(typo, "typo.yaml")).isEmpty();
            assertThatThrownBy(() -> PolicyStore.read(directory.resolve("missing.yaml")))
                    .isInstanceOfSatisfying(NorthstarException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
        }
    }
}
