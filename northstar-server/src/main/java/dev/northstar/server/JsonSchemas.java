package dev.northstar.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Derives JSON Schemas (2020-12, as OpenAPI 3.1 uses) from the body records of the API, with the property names the
 * {@link JsonMapping} mapper writes. Records become named components referenced with {@code $ref}; {@code Optional}
 * components are nullable and not required; every other component is required.
 */
final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> components = new TreeMap<>();

    /** The schema of a type, registering the components it needs. */
    ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Optional.class.equals(raw)) {
                return nullable(schemaOf(arguments[0]));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0]));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode object = NODES.objectNode().put("type", "object");
                object.set("additionalProperties", schemaOf(arguments[1]));
                return object;
            }
            throw new IllegalArgumentException("No JSON Schema for " + type);
        }
        Class<?> plain = (Class<?>) type;
        if (plain.isRecord()) {
            return reference(plain);
        }
        if (plain == String.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (plain == boolean.class || plain == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (plain == int.class || plain == Integer.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int32");
        }
        if (plain == long.class || plain == Long.class || plain == BigInteger.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int64");
        }
        if (plain == double.class || plain == Double.class || plain == BigDecimal.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (plain == Instant.class || plain == OffsetDateTime.class) {
            return NODES.objectNode().put("type", "string").put("format", "date-time");
        }
        if (plain == Object.class) {
            return NODES.objectNode().put("description", "any JSON value");
        }
        if (JsonNode.class.isAssignableFrom(plain)) {
            return NODES.objectNode().put("type", "object");
        }
        throw new IllegalArgumentException("No JSON Schema for " + plain.getName());
    }

    /** A {@code $ref} to the component of a record, defining it on first use. */
    ObjectNode reference(Class<?> record) {
        String name = record.getSimpleName();
        if (!components.containsKey(name)) {
            ObjectNode schema = NODES.objectNode().put("type", "object");
            components.put(name, schema); // before the components, so self-references terminate
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = NODES.arrayNode();
            for (RecordComponent component : record.getRecordComponents()) {
                String property = JsonMapping.propertyName(component.getName());
                properties.set(property, schemaOf(component.getGenericType()));
                if (component.getType() != Optional.class) {
                    required.add(property);
                }
            }
            schema.set("required", required);
            schema.put("additionalProperties", false);
        }
        return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    private static ObjectNode nullable(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            ObjectNode copy = schema.deepCopy();
            copy.putArray("type").add(type.textValue()).add("null");
            return copy;
        }
        ObjectNode anyOf = NODES.objectNode();
        anyOf.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
        return anyOf;
    }

    /** Every component defined so far, by name. */
    Map<String, ObjectNode> components() {
        return Map.copyOf(components);
    }
}
