package dev.northstar.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the OpenAPI 3.1 document of the API from the route registry ({@link ApiRoutes}): every route's path,
 * method, parameters and bodies come from its one {@link ApiRoute} declaration, the body schemas from the body
 * records themselves.
 */
final class OpenApiDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BEARER = "bearerToken";
    private static final String COOKIE = "consoleCookie";

    private OpenApiDocument() {}

    static ObjectNode build(List<ApiRoute> routes, String version) {
        JsonSchemas schemas = new JsonSchemas();
        ObjectNode document = NODES.objectNode().put("openapi", "3.1.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Northstar API");
        info.put("version", version);
        info.put("description", "The governed data and AI platform's JSON API. Authenticate with "
                + "'Authorization: Bearer <token>' (create one with 'northstar token create --principal NAME --role "
                + "ROLE'). Every error is an RFC 9457 problem document (application/problem+json).");
        document.putArray("servers").addObject().put("url", "/");

        ArrayNode tags = document.putArray("tags");
        new TreeSet<>(routes.stream().map(ApiRoute::tag).toList()).forEach(tag -> tags.addObject().put("name", tag));

        ObjectNode paths = document.putObject("paths");
        ObjectNode problem = schemas.reference(Problem.class);
        for (ApiRoute route : routes) {
            ObjectNode pathItem = paths.has(route.path()) ? (ObjectNode) paths.get(route.path())
                    : paths.putObject(route.path());
            pathItem.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, schemas, problem));
        }

        ObjectNode components = document.putObject("components");
        ObjectNode componentSchemas = components.putObject("schemas");
        schemas.components().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> componentSchemas.set(entry.getKey(), entry.getValue()));
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        securitySchemes.putObject(BEARER).put("type", "http").put("scheme", "bearer")
                .put("description", "An API token secret");
        securitySchemes.putObject(COOKIE).put("type", "apiKey").put("in", "cookie")
                .put("name", Authentication.COOKIE).put("description", "Set by the console's sign-in page");
        return document;
    }

    private static ObjectNode operation(ApiRoute route, JsonSchemas schemas, ObjectNode problem) {
        ObjectNode operation = NODES.objectNode();
        operation.put("operationId", route.operationId());
        operation.put("summary", route.summary());
        operation.putArray("tags").add(route.tag());
        ArrayNode security = operation.putArray("security");
        if (route.access() != Access.PUBLIC) {
            security.addObject().putArray(BEARER);
            security.addObject().putArray(COOKIE);
        }
        if (!route.parameters().isEmpty()) {
            ArrayNode parameters = operation.putArray("parameters");
            for (ApiRoute.Parameter parameter : route.parameters()) {
                ObjectNode node = parameters.addObject();
                node.put("name", parameter.name());
                node.put("in", parameter.in().name().toLowerCase(Locale.ROOT));
                node.put("required", parameter.required());
                node.put("description", parameter.description());
                node.putObject("schema").put("type", parameter.type());
            }
        }
        route.requestBody().ifPresent(body -> {
            ObjectNode requestBody = operation.putObject("requestBody").put("required", true);
            requestBody.putObject("content").putObject(route.requestMediaType()).set("schema", schemas.schemaOf(body));
        });
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "Success");
        ok.putObject("content").putObject(route.responseMediaType()).set("schema",
                route.responseBody().map(schemas::schemaOf).orElseGet(() -> NODES.objectNode().put("type", "string")));
        if (route.access() != Access.PUBLIC) {
            problemResponse(responses, "401", "No valid API token", problem);
        }
        problemResponse(responses, "default", "A problem document naming the error code", problem);
        return operation;
    }

    private static void problemResponse(ObjectNode responses, String status, String description, ObjectNode problem) {
        ObjectNode response = responses.putObject(status).put("description", description);
        response.putObject("content").putObject(Problem.MEDIA_TYPE).set("schema", problem.deepCopy());
    }
}
