package dev.northstar.contracts;

import java.util.Map;

/**
 * An ODCS {@code servers} entry: where the data is served.
 *
 * @param server server name
 * @param type server type: postgres, s3, kafka, databricks...
 * @param environment prod, dev...; empty when absent
 * @param description for humans
 * @param attributes the type-specific fields (host, port, database, schema, location, topic...), as written
 */
public record Server(String server, String type, String environment, String description,
        Map<String, Object> attributes) {
    public Server {
        server = ImmutableValues.text(server);
        type = ImmutableValues.text(type);
        environment = ImmutableValues.text(environment);
        description = ImmutableValues.text(description);
        attributes = ImmutableValues.map(attributes);
    }
}
