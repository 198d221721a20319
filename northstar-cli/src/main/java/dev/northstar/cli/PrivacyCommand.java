package dev.northstar.cli;

import dev.northstar.govern.privacy.AccessBundle;
import dev.northstar.govern.privacy.ErasureCertificate;
import dev.northstar.govern.privacy.KeyInfo;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditedPrivacy;
import dev.northstar.govern.privacy.Privacy;
import dev.northstar.govern.privacy.PrivacyRequest;
import dev.northstar.govern.privacy.RequestMetrics;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar privacy ...}: Data-subject requests (access, erase with a certificate) and the keystore of pseudonymisation and encryption keys. */
@Command(name = "privacy", description = "Data-subject requests (access, erase with a certificate) and the keystore of"
        + " pseudonymisation and encryption keys.",
        subcommands = {PrivacyCommand.Keys.class, PrivacyCommand.Access.class, PrivacyCommand.Erase.class,
            PrivacyCommand.Requests.class, PrivacyCommand.Certificate.class})
final class PrivacyCommand extends CommandGroup {
    PrivacyCommand() {
        super("Missing command: name one of keys, access, erase, requests, certificate");
    }

    /** Opens the privacy stage of the data directory, applies {@code work} and closes the lake and the store. */
    static <T> T withPrivacy(NorthstarCommand root, Function<Privacy, T> work) {
        return QualityCommand.withLakeAndStore(root, (lake, store) -> work.apply(Privacy.open(lake, store.database(),
                root.settings(root.initializedHome()), AuditedPrivacy.of(new AuditLog(store.database())))));
    }

    /** {@code northstar privacy keys list|rotate}. */
    @Command(name = "keys", description = "List or rotate the keystore's data keys.",
            subcommands = {Keys.ListKeys.class, Keys.Rotate.class})
    static final class Keys implements Callable<Integer> {
        @ParentCommand
        private PrivacyCommand privacy;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "Missing command: name one of list, rotate");
        }

        /** A subcommand of {@code privacy keys}. */
        abstract static class Subcommand implements Callable<Integer> {
            @ParentCommand
            private Keys keys;

            @Spec
            private CommandSpec spec;

            NorthstarCommand root() {
                return keys.privacy.root();
            }

            PrintWriter out() {
                return spec.commandLine().getOut();
            }
        }

        /** {@code northstar privacy keys list [--json]}. */
        @Command(name = "list", description = "List the data keys (ids, versions, status; never their material).")
        static final class ListKeys extends Subcommand {
            @Option(names = "--json", description = "Print a JSON array.")
            private boolean json;

            @Override
            public Integer call() {
                List<KeyInfo> keys = withPrivacy(root(), privacy -> privacy.keystore().list());
                PrintWriter out = out();
                if (json) {
                    out.println(JsonText.write(keys.stream().map(PrivacyCommand::json).toList()));
                } else {
                    TextTable table = TextTable.withRightAligned(List.of("id", "kind", "version", "status",
                            "created", "by"), 2);
                    for (KeyInfo key : keys) {
                        table.add(key.id(), lower(key.kind()), Long.toString(key.version()), lower(key.status()),
                                TableCommand.instant(key.createdAt()), key.createdBy());
                    }
                    table.print(out, "No keys yet: the first pseudonymisation or encryption creates them.");
                }
                out.flush();
                return 0;
            }
        }

        /** {@code northstar privacy keys rotate [--by NAME]}. */
        @Command(name = "rotate", description = "Create a new pseudonymisation key version; the previous one is"
                + " retired (kept to verify and re-identify older values).")
        static final class Rotate extends Subcommand {
            @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
            private String by;

            @Override
            public Integer call() {
                String who = QualityCommand.who(root(), by);
                KeyInfo key = withPrivacy(root(), privacy -> privacy.keystore().rotate(who));
                PrintWriter out = out();
                out.println("Rotated: " + key.id() + " is the active pseudonymisation key");
                out.flush();
                return 0;
            }
        }
    }

    /** {@code northstar privacy access SUBJECT [--output FILE] [--by NAME]}. */
    @Command(name = "access", description = "Export every row about a data subject across all products, quarantine"
            + " and derived tables, as a JSON bundle (GDPR art. 15).")
    static final class Access extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject key value, e.g. a customer id.")
        private String subject;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the bundle to FILE instead of"
                + " printing it.")
        private Path output;

        @Option(names = "--by", paramLabel = "NAME", description = "Who answers the request (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            AccessBundle bundle = withPrivacy(root(), privacy -> privacy.requests().accessSubject(subject, who));
            String text = JsonText.write(bundle);
            PrintWriter out = out();
            if (output == null) {
                out.println(text);
            } else {
                try {
                    Files.writeString(output, text + "\n", StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write " + output + ": "
                            + e.getMessage(), "Name a writable file", e);
                }
                out.println("Request " + bundle.requestId() + ": " + bundle.rowCount() + " rows in "
                        + bundle.tables().size() + " tables written to " + output);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar privacy erase SUBJECT [--json] [--by NAME]}. */
    @Command(name = "erase", description = "Erase a data subject everywhere (products, quarantine, derived tables),"
            + " physically remove the old files, shred the subject's key and store a certificate (GDPR art. 17).")
    static final class Erase extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject key value, e.g. a customer id.")
        private String subject;

        @Option(names = "--json", description = "Print the certificate as JSON.")
        private boolean json;

        @Option(names = "--by", paramLabel = "NAME", description = "Who carries out the erasure (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            ErasureCertificate certificate = withPrivacy(root(), privacy -> privacy.requests()
                    .eraseSubject(subject, who));
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(certificate));
            } else {
                printCertificate(out, certificate);
            }
            out.flush();
            return 0;
        }
    }

    static void printCertificate(PrintWriter out, ErasureCertificate certificate) {
        out.println("Erasure certificate " + certificate.requestId() + " (subject " + certificate.subjectKeyId()
                + ")");
        out.println("  by " + certificate.erasedBy() + ", received " + certificate.receivedAt() + ", completed "
                + certificate.completedAt());
        TextTable table = TextTable.withRightAligned(List.of("table", "kind", "column", "rows deleted"), 3);
        certificate.tables().forEach(erased -> table.add(erased.table(), erased.kind().toLowerCase(Locale.ROOT),
                erased.column(), Long.toString(erased.rowsDeleted())));
        table.print(out, "No table holds rows about subjects.");
        out.println("  files removed: " + certificate.filesRemoved().size() + ", key shredded: "
                + (certificate.keyShredded() ? "yes" : "no (none existed)") + ", verified: "
                + (certificate.verified() ? "yes" : "NO"));
    }

    /** {@code northstar privacy requests [--json]}. */
    @Command(name = "requests", description = "List data-subject requests with their deadlines, and response times.")
    static final class Requests extends GroupSubcommand {
        @Option(names = "--json", description = "Print a JSON object with the requests and the metrics.")
        private boolean json;

        @Override
        public Integer call() {
            Map.Entry<List<PrivacyRequest>, RequestMetrics> listing = withPrivacy(root(), privacy -> Map.entry(
                    privacy.requests().list(), privacy.requests().metrics()));
            PrintWriter out = out();
            RequestMetrics metrics = listing.getValue();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("requests", listing.getKey().stream().map(PrivacyCommand::json).toList());
                body.put("metrics", metrics);
                out.println(JsonText.write(body));
            } else {
                Instant now = Instant.now();
                TextTable table = TextTable.withRightAligned(List.of("id", "kind", "status", "received", "deadline",
                        "response"), 5);
                for (PrivacyRequest request : listing.getKey()) {
                    table.add(request.id(), lower(request.kind()), lower(request.status())
                                    + (request.overdue(now) ? " (overdue)" : ""),
                            TableCommand.instant(request.receivedAt()), TableCommand.instant(request.deadline()),
                            request.responseTime().map(PrivacyCommand::duration).orElse("-"));
                }
                table.print(out, "No data-subject requests.");
                out.println("open " + metrics.open() + ", overdue " + metrics.overdue() + ", completed "
                        + metrics.completed() + ", median response " + duration(Duration.ofMillis(
                                metrics.medianResponseMillis())));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar privacy certificate ID [--json]}. */
    @Command(name = "certificate", description = "Show the certificate of a completed erasure.")
    static final class Certificate extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The request id, as 'privacy requests' shows it.")
        private String id;

        @Option(names = "--json", description = "Print the certificate as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            ErasureCertificate certificate = withPrivacy(root(), privacy -> privacy.requests().certificate(id))
                    .orElseThrow(() -> new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND,
                            "No erasure certificate for request " + id,
                            "List the requests with `northstar privacy requests`; only completed erasures have one"));
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(certificate));
            } else {
                printCertificate(out, certificate);
            }
            out.flush();
            return 0;
        }
    }

    static Map<String, Object> json(KeyInfo key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", key.id());
        map.put("kind", key.kind().name());
        map.put("version", key.version());
        map.put("status", key.status().name());
        map.put("createdAt", key.createdAt().toString());
        map.put("createdBy", key.createdBy());
        map.put("retiredAt", key.retiredAt().map(Instant::toString).orElse(null));
        map.put("shreddedAt", key.shreddedAt().map(Instant::toString).orElse(null));
        return map;
    }

    static Map<String, Object> json(PrivacyRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", request.id());
        map.put("kind", request.kind().name());
        map.put("subject", request.subject());
        map.put("status", request.status().name());
        map.put("receivedAt", request.receivedAt().toString());
        map.put("deadline", request.deadline().toString());
        map.put("requestedBy", request.requestedBy());
        map.put("completedAt", request.completedAt().map(Instant::toString).orElse(null));
        map.put("completedBy", request.completedBy().orElse(null));
        map.put("responseMillis", request.responseTime().map(Duration::toMillis).orElse(null));
        map.put("error", request.error().orElse(null));
        return map;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String duration(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + "ms" : duration.toSeconds() + "s";
    }
}
