package dev.northstar.lake.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Raw configuration values by dashed key ({@code catalog.jdbc-url}, {@code server.port}), read from
 * {@code northstar.yaml} in the data directory and overridden by environment variables: the key upper-cased with
 * dots and dashes turned into underscores, prefixed {@code NORTHSTAR_} ({@code NORTHSTAR_CATALOG_JDBC_URL}).
 *
 * <p>Typed configuration classes ({@link LakeConfig}, the server's config...) read from here, each owning its keys,
 * defaults and documentation.
 */
public final class Settings {
    /** File name of the configuration file in the data directory. */
    public static final String FILE_NAME = "northstar.yaml";

    private final Path home;
    private final Map<String, String> fileValues;
    private final Map<String, String> environment;

    private Settings(Path home, Map<String, String> fileValues, Map<String, String> environment) {
        this.home = requireNonNull(home, "home is null").toAbsolutePath().normalize();
        this.fileValues = Map.copyOf(fileValues);
        this.environment = Map.copyOf(environment);
    }

    /** Reads {@code home/northstar.yaml} if it exists, with the process environment as overrides. */
    public static Settings load(Path home) {
        return load(home, System.getenv());
    }

    /** Reads {@code home/northstar.yaml} if it exists, with the given environment as overrides. */
    public static Settings load(Path home, Map<String, String> environment) {
        Path file = home.resolve(FILE_NAME);
        Map<String, String> values = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                // A file of comments only is an empty document: no values, all defaults.
                if (root != null && !root.isNull() && !root.isMissingNode()) {
                    if (!root.isObject()) {
                        throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                                file + ": the top level must be a mapping of keys to values");
                    }
                    flatten("", root, values);
                }
            } catch (IOException e) {
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                        file + " is not valid YAML: " + e.getMessage(), "Fix the YAML syntax at the position shown", e);
            }
        }
        return new Settings(home, values, environment);
    }

    /** Settings with only these values (tests). */
    public static Settings of(Path home, Map<String, String> values) {
        return new Settings(home, values, Map.of());
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), values);
            }
        } else if (!node.isNull()) {
            values.put(prefix, node.isTextual() ? node.textValue() : node.toString());
        }
    }

    /** The data directory. */
    public Path home() {
        return home;
    }

    /** Environment variable that overrides a key. */
    public static String environmentVariable(String key) {
        return "NORTHSTAR_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of a key: environment first, then the file. */
    public Optional<String> value(String key) {
        String fromEnvironment = environment.get(environmentVariable(key));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment);
        }
        return Optional.ofNullable(fileValues.get(key));
    }

    public String string(String key, String defaultValue) {
        return value(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return value(key).map(text -> parse(key, text, Integer::parseInt)).orElse(defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        return value(key).map(text -> parse(key, text, Long::parseLong)).orElse(defaultValue);
    }

    /** A byte size: a number with an optional unit: {@code 134217728}, {@code 128MB}, {@code 1GiB}. */
    public long bytes(String key, long defaultValue) {
        return value(key).map(text -> parse(key, text, Settings::parseBytes)).orElse(defaultValue);
    }

    static long parseBytes(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
        long multiplier = 1;
        for (String[] unit : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (trimmed.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                trimmed = trimmed.substring(0, trimmed.length() - unit[0].length()).trim();
                break;
            }
        }
        return Long.parseLong(trimmed) * multiplier;
    }

    private <T> T parse(String key, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    String.format(Locale.ROOT, "Configuration key '%s' has the invalid value '%s'", key, text),
                    "Set " + key + " in " + home.resolve(FILE_NAME) + " or " + environmentVariable(key)
                            + " to a valid number");
        }
    }
}
