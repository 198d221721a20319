package dev.northstar.lake.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sets and maps of strings kept as JSON text, the one structured type SQLite and PostgreSQL share. Written sorted,
 * so equal values have equal text and rows diff cleanly.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private JsonColumns() {}

    static String write(Collection<String> values) {
        return writeValue(new TreeSet<>(values));
    }

    static String write(Map<String, String> values) {
        return writeValue(new TreeMap<>(values));
    }

    static Set<String> readSet(String column, String json) {
        return Set.copyOf(readValue(column, json, STRING_LIST));
    }

    static Map<String, String> readMap(String column, String json) {
        return Map.copyOf(readValue(column, json, STRING_MAP));
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Strings always serialize to JSON", e);
        }
    }

    private static <T> T readValue(String column, String json, TypeReference<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new NorthstarException(ErrorCode.INTERNAL, "Column " + column + " holds JSON null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL,
                    "Column " + column + " does not hold the expected JSON: " + e.getOriginalMessage(),
                    "The metadata database was changed outside Northstar; restore the column from a backup", e);
        }
    }
}
