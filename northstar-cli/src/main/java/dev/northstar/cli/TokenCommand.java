package dev.northstar.cli;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.ApiToken;
import dev.northstar.spi.store.IssuedToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar token ...}: API tokens for the HTTP API and the console. */
@Command(name = "token", description = "Create, list and revoke API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand extends CommandGroup {
    TokenCommand() {
        super("Missing command: name one of create, list, revoke");
    }

    /** Parses {@code --ttl}: {@code 90s}, {@code 45m}, {@code 12h}, {@code 30d}, {@code 2w} or ISO-8601. */
    static Duration parseTimeToLive(String text) {
        Duration duration = DurationText.parse("--ttl", text);
        if (duration.isZero()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--ttl '" + text + "' must be positive",
                    "Omit --ttl for a token that does not expire");
        }
        return duration;
    }

    /** {@code northstar token create --principal NAME --role ROLE ...}. */
    @Command(name = "create", description = "Create a token; its secret is printed once and never stored.")
    static final class Create extends GroupSubcommand {
        @Option(names = "--principal", required = true, paramLabel = "NAME", description = "Who the token is for.")
        private String principal;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "A role, e.g. admin, engineer, analyst, steward (repeatable).")
        private List<String> roles = new ArrayList<>();

        @Option(names = "--attribute", paramLabel = "KEY=VALUE",
                description = "An attribute policies read, e.g. domains=retail,banking (repeatable).")
        private Map<String, String> attributes = new LinkedHashMap<>();

        @Option(names = "--ttl", paramLabel = "DURATION",
                description = "Validity, e.g. 12h, 30d or P30D (default: no expiry).")
        private String timeToLive;

        @Override
        public Integer call() {
            if (principal.isBlank()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--principal must not be blank");
            }
            Optional<Duration> validity = Optional.ofNullable(timeToLive).map(TokenCommand::parseTimeToLive);
            IssuedToken issued = root().withStore(store -> {
                IssuedToken token = store.tokens().create(new Principal(principal, new LinkedHashSet<>(roles),
                        attributes), validity);
                // Who may do what is an administrative change: audited, with the grant but never the secret.
                AuditCommand.record(store, AuditEvent.change(QualityCommand.who(root(), null),
                        AuditEvent.TOKEN_CREATE, List.of(), Map.of("token_id", token.token().id(),
                                "subject", principal, "roles", String.join(",", roles), "expires",
                                token.token().expiresAt().map(Instant::toString).orElse("never"))));
                return token;
            });
            PrintWriter out = out();
            ApiToken created = issued.token();
            out.println("Created token " + created.id() + " for " + principal + " (roles: "
                    + String.join(", ", roles) + "; expires: "
                    + created.expiresAt().map(TableCommand::instant).orElse("never") + ")");
            out.println("Secret, shown only now; send it as 'Authorization: Bearer <secret>':");
            out.println(issued.secret());
            out.flush();
            return 0;
        }
    }

    /** {@code northstar token list}. */
    @Command(name = "list", description = "List tokens (never their secrets).")
    static final class ListTokens extends GroupSubcommand {
        @Override
        public Integer call() {
            List<ApiToken> tokens = root().withStore(store -> store.tokens().list());
            Instant now = Instant.now();
            TextTable listing = TextTable.withRightAligned(List.of("id", "principal", "roles", "attributes",
                    "created", "expires", "last used", "status"));
            for (ApiToken apiToken : tokens) {
                Principal owner = apiToken.principal();
                String status = apiToken.revoked() ? "revoked"
                        : apiToken.expiresAt().filter(expiry -> expiry.isBefore(now)).isPresent() ? "expired"
                        : "active";
                listing.add(apiToken.id(), owner.name(), owner.roles().stream().sorted()
                                .collect(Collectors.joining(",")),
                        owner.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                                .map(entry -> entry.getKey() + "=" + entry.getValue())
                                .collect(Collectors.joining(" ")),
                        TableCommand.instant(apiToken.createdAt()),
                        apiToken.expiresAt().map(TableCommand::instant).orElse("never"),
                        apiToken.lastUsedAt().map(TableCommand::instant).orElse("never"), status);
            }
            PrintWriter out = out();
            listing.print(out, "No tokens. Create one with 'northstar token create --principal NAME --role ROLE'.");
            out.flush();
            return 0;
        }
    }

    /** {@code northstar token revoke ID}. */
    @Command(name = "revoke", description = "Revoke a token: it stops authenticating at once.")
    static final class Revoke extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Token id, as 'token list' shows it.")
        private String id;

        @Override
        public Integer call() {
            boolean revoked = root().withStore(store -> {
                boolean done = store.tokens().revoke(id);
                if (done) {
                    AuditCommand.record(store, AuditEvent.change(QualityCommand.who(root(), null),
                            AuditEvent.TOKEN_REVOKE, List.of(), Map.of("token_id", id)));
                }
                return done;
            });
            if (!revoked) {
                throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No token with id '" + id + "'",
                        "List the token ids with 'northstar token list'");
            }
            PrintWriter out = out();
            out.println("Revoked token " + id);
            out.flush();
            return 0;
        }
    }
}
