package dev.northstar.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The official ODCS JSON Schema's verdict on a YAML document (networknt json-schema-validator, draft 2019-09). */
final class OfficialSchema {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    private OfficialSchema() {}

    /** The schema's error messages; empty when the document is valid. Picks the schema by the document's apiVersion. */
    static List<String> errors(String yaml) {
        try {
            JsonNode document = YAML.readTree(yaml);
            String apiVersion = document != null && document.path("apiVersion").isTextual()
                    ? document.get("apiVersion").asText() : "v3.1.0";
            Set<ValidationMessage> messages = schema(apiVersion).validate(document);
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized JsonSchema schema(String apiVersion) {
        String file = ConformanceFiles.schema(apiVersion).toString();
        return SCHEMAS.computeIfAbsent(file, name -> {
            try (InputStream input = Files.newInputStream(ConformanceFiles.schema(apiVersion))) {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
