package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one declaration of an API route: what Javalin serves and what the OpenAPI document says come from it.
 *
 * @param method HTTP method
 * @param path Javalin path, which is also the OpenAPI path template ({@code /api/v1/tables/{domain}/{table}})
 * @param operationId OpenAPI operation id
 * @param summary one-line description
 * @param tag OpenAPI tag grouping the route
 * @param access who may call it
 * @param parameters path and query parameters
 * @param requestBody record read from the JSON body (or {@code String} for a text body), if any
 * @param requestMediaType media type of the request body
 * @param responseBody record written as the JSON response; empty for a text response
 * @param responseMediaType media type of a successful response
 * @param handler the handler
 */
record ApiRoute(
        HandlerType method,
        String path,
        String operationId,
        String summary,
        String tag,
        Access access,
        List<Parameter> parameters,
        Optional<Class<?>> requestBody,
        String requestMediaType,
        Optional<Class<?>> responseBody,
        String responseMediaType,
        Handler handler) {

    ApiRoute {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(operationId, "operationId is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(tag, "tag is null");
        requireNonNull(access, "access is null");
        parameters = List.copyOf(parameters);
        requireNonNull(requestBody, "requestBody is null");
        requireNonNull(requestMediaType, "requestMediaType is null");
        requireNonNull(responseBody, "responseBody is null");
        requireNonNull(responseMediaType, "responseMediaType is null");
        requireNonNull(handler, "handler is null");
        for (Parameter parameter : parameters) {
            boolean inPath = path.contains("{" + parameter.name() + "}");
            if (inPath != (parameter.in() == Parameter.In.PATH)) {
                throw new IllegalArgumentException("Parameter '" + parameter.name() + "' of " + path
                        + (inPath ? " is in the path but declared " + parameter.in() : " is not in the path"));
            }
        }
    }

    /** A GET route answering JSON, callable by any authenticated principal; refine with the {@code with} methods. */
    static ApiRoute get(String path, String operationId, String summary, String tag, Class<?> response,
            Handler handler) {
        return new ApiRoute(HandlerType.GET, path, operationId, summary, tag, Access.API, List.of(),
                Optional.empty(), "application/json", Optional.of(response), "application/json", handler);
    }

    /** A POST route reading and answering JSON, callable by any authenticated principal. */
    static ApiRoute post(String path, String operationId, String summary, String tag, Class<?> request,
            Class<?> response, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, operationId, summary, tag, Access.API, List.of(),
                Optional.of(request), "application/json", Optional.of(response), "application/json", handler);
    }

    ApiRoute withAccess(Access newAccess) {
        return new ApiRoute(method, path, operationId, summary, tag, newAccess, parameters, requestBody,
                requestMediaType, responseBody, responseMediaType, handler);
    }

    ApiRoute withParameter(Parameter parameter) {
        List<Parameter> all = new ArrayList<>(parameters);
        all.add(parameter);
        return new ApiRoute(method, path, operationId, summary, tag, access, all, requestBody,
                requestMediaType, responseBody, responseMediaType, handler);
    }

    /** The response is text of this media type, not JSON. */
    ApiRoute withTextResponse(String mediaType) {
        return new ApiRoute(method, path, operationId, summary, tag, access, parameters, requestBody,
                requestMediaType, Optional.empty(), mediaType, handler);
    }

    /** The request body is text of this media type, not JSON. */
    ApiRoute withTextRequest(String mediaType) {
        return new ApiRoute(method, path, operationId, summary, tag, access, parameters, Optional.of(String.class),
                mediaType, responseBody, responseMediaType, handler);
    }

    /**
     * A path or query parameter.
     *
     * @param name parameter name
     * @param in where it is
     * @param required whether it must be given (path parameters always must)
     * @param type JSON Schema type: {@code string} or {@code integer}
     * @param description what it means
     */
    record Parameter(String name, In in, boolean required, String type, String description) {
        /** Where a parameter is. */
        enum In {
            PATH,
            QUERY
        }

        Parameter {
            requireNonNull(name, "name is null");
            requireNonNull(in, "in is null");
            requireNonNull(type, "type is null");
            requireNonNull(description, "description is null");
        }

        static Parameter path(String name, String description) {
            return new Parameter(name, In.PATH, true, "string", description);
        }

        static Parameter query(String name, String type, String description) {
            return new Parameter(name, In.QUERY, false, type, description);
        }
    }
}
