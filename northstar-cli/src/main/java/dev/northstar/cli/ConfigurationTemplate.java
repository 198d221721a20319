package dev.northstar.cli;

import dev.northstar.lake.config.Settings;
import dev.northstar.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code northstar.yaml} that {@code northstar init} writes: every key with its default and meaning, commented
 * out under its section, so that a user uncomments a line rather than looks up a key.
 */
final class ConfigurationTemplate {
    /**
     * A documented key.
     *
     * @param key dashed key
     * @param defaultValue default, as text
     * @param meaning what the key does
     */
    record Key(String key, String defaultValue, String meaning) {}

    private ConfigurationTemplate() {}

    /** Every key Northstar reads, with its default for a data directory. */
    static List<Key> keys(Path home) {
        return List.of(
                new Key("catalog.jdbc-url", "jdbc:sqlite:" + home.resolve("northstar.db"),
                        "Iceberg catalog and platform metadata database: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB"),
                new Key("catalog.user", "", "database user (PostgreSQL)"),
                new Key("catalog.password", "", "database password (PostgreSQL); better set in the environment"),
                new Key("warehouse.path", home.resolve("warehouse").toString(),
                        "directory of the tables' data and metadata files"),
                new Key("lake.target-file-size", "128MB", "target size of written Parquet data files"),
                new Key("lake.commit-retries", "20", "retries of a commit that lost a race with a concurrent one"),
                new Key("lake.duckdb-threads", "2  # default: the number of processors", "DuckDB worker threads"),
                new Key("lake.duckdb-memory-limit", "4GB  # default: DuckDB's, 80% of RAM", "DuckDB memory limit"),
                new Key("server.host", ServerConfig.DEFAULT_HOST,
                        "interface the HTTP server listens on; 0.0.0.0 for all"),
                new Key("server.port", Integer.toString(ServerConfig.DEFAULT_PORT),
                        "port of the HTTP server; 0 picks a free one"),
                new Key("notify.smtp.host", "", "SMTP server that sends alert e-mails (budgets' notify: addresses)"),
                new Key("notify.smtp.port", "25", "SMTP port (587 for submission)"),
                new Key("notify.smtp.from", "northstar@localhost", "sender of alert e-mails"),
                new Key("notify.smtp.username", "", "SMTP user, when the server wants one"),
                new Key("notify.smtp.password", "", "SMTP password; better set in the environment"),
                new Key("notify.smtp.starttls", "optional", "optional, required or off"),
                new Key("notify.webhooks.finops", "https://hooks.example.org/...",
                        "URL of the webhook a budget names as webhook:finops (one key per name); it holds a secret:"
                                + " better set in the environment"));
    }

    /**
     * The file's text for a data directory. Section names stay uncommented (an empty section reads as no value), so
     * that the file is a YAML mapping from the start and uncommenting a key line is the only edit needed.
     */
    static String text(Path home) {
        StringBuilder text = new StringBuilder();
        text.append("# Northstar configuration of the data directory ").append(home).append('\n');
        text.append("#\n");
        text.append("# Every key is listed with its default, commented out: uncomment a line to change it.\n");
        text.append("# Each key can be overridden by an environment variable: NORTHSTAR_ followed by the key in upper\n");
        text.append("# case with dots and dashes as underscores, e.g. ")
                .append(Settings.environmentVariable("server.port")).append("=9090.\n");
        String section = "";
        for (Key key : keys(home)) {
            int dot = key.key().indexOf('.');
            String keySection = key.key().substring(0, dot);
            if (!keySection.equals(section)) {
                section = keySection;
                text.append('\n').append(section).append(":\n");
            }
            text.append("  # ").append(key.meaning()).append(" [").append(Settings.environmentVariable(key.key()))
                    .append("]\n");
            text.append("  # ").append(key.key().substring(dot + 1)).append(':');
            if (!key.defaultValue().isEmpty()) {
                text.append(' ').append(key.defaultValue());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
