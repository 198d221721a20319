package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCommandTest extends InitializedHomeTestBase {
    @Test
    void createsATokenWhoseSecretAuthenticatesThePrincipal() {
        CliRun run = northstar("token", "create", "--principal", "alice", "--role", "analyst", "--role", "steward",
                "--attribute", "domains=retail,banking", "--ttl", "30d");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("Created token ").contains("for alice (roles: analyst, steward; expires: ");
        String secret = lines.get(lines.size() - 1);
        try (MetadataStore store = openStore()) {
            Optional<Principal> principal = store.tokens().authenticate(secret);
            assertThat(principal).hasValueSatisfying(who -> {
                assertThat(who.name()).isEqualTo("alice");
                assertThat(who.roles()).containsExactlyInAnyOrder("analyst", "steward");
                assertThat(who.attributes()).containsEntry("domains", "retail,banking");
            });
            assertThat(store.tokens().list().get(0).expiresAt()).isPresent();
        }
    }

    @Test
    void listsTokensWithoutSecretsAndRevokesThem() {
        CliRun created = northstar("token", "create", "--principal", "bob", "--role", "admin");
        String secret = created.outLines().get(created.outLines().size() - 1);
        String id = created.outLines().get(0).split(" ")[2];

        CliRun list = northstar("token", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(id).contains("bob").contains("admin").contains("active")
                .doesNotContain(secret);

        CliRun revoke = northstar("token", "revoke", id);
        assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).isEqualTo("Revoked token " + id + "\n");
        assertThat(northstar("token", "list").out()).contains("revoked");
        try (MetadataStore store = openStore()) {
            assertThat(store.tokens().authenticate(secret)).isEmpty();
        }
    }

    @Test
    void revokingAnUnknownTokenIsNotFound() {
        CliRun run = northstar("token", "revoke", "nosuchid");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("error: No token with id 'nosuchid'").contains("northstar token list");
    }

    @Test
    void principalAndRoleAreRequired() {
        CliRun run = northstar("token", "create", "--principal", "carol");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--role=ROLE'");
    }

    @Test
    void parsesTimesToLive() {
        assertThat(TokenCommand.parseTimeToLive("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.parseTimeToLive("45m")).isEqualTo(Duration.ofMinutes(45));
        assertThat(TokenCommand.parseTimeToLive("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(TokenCommand.parseTimeToLive("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(TokenCommand.parseTimeToLive("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(TokenCommand.parseTimeToLive("P1DT2H")).isEqualTo(Duration.ofHours(26));
        CliRun bad = northstar("token", "create", "--principal", "x", "--role", "admin", "--ttl", "forever");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--ttl 'forever' is not a duration");
    }
}
