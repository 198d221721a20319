package dev.northstar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Northstar's version and the versions of the engines it embeds, from a resource Maven fills in at build time (no
 * engine is loaded to ask it: {@code northstar version} stays fast).
 */
public final class NorthstarVersion implements IVersionProvider {
    private static final Properties VERSIONS = load();

    /** The Northstar version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSIONS.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "northstar " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
            "Apache Iceberg " + VERSIONS.getProperty("iceberg", "unknown"),
            "DuckDB JDBC " + VERSIONS.getProperty("duckdb", "unknown")
        };
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream input = NorthstarVersion.class.getResourceAsStream("version.properties")) {
            if (input != null) {
                properties.load(input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
