package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem document, the one error format of the API (and the source of the console's error page).
 *
 * <p>{@link #from(Throwable, String)} is the one place where failures become problems; the {@link ErrorCode} decides
 * status and title.
 *
 * @param type {@code https://northstar.dev/problems/<slug>}
 * @param title the error code's short title
 * @param status HTTP status
 * @param detail what went wrong, for a person
 * @param code the {@link ErrorCode} name, for programs
 * @param hint how to fix it, when known
 * @param instance the request path
 * @param errors every invalid field of the request with its messages (only for {@code INVALID_ARGUMENT} from
 *     request validation)
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        Optional<String> hint,
        String instance,
        Optional<Map<String, List<String>>> errors) {
    /** Media type of problem documents. */
    static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of the {@link #type()} URI. */
    static final String TYPE_PREFIX = "https://northstar.dev/problems/";

    Problem {
        requireNonNull(type, "type is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(code, "code is null");
        requireNonNull(hint, "hint is null");
        requireNonNull(instance, "instance is null");
        errors = requireNonNull(errors, "errors is null")
                .map(fields -> Collections.unmodifiableMap(new TreeMap<>(fields)));
    }

    static Problem of(ErrorCode code, String detail, Optional<String> hint, String instance) {
        return new Problem(TYPE_PREFIX + code.slug(), code.title(), code.httpStatus(), detail, code.name(), hint,
                instance, Optional.empty());
    }

    /** The error code this problem was made from. */
    ErrorCode errorCode() {
        return ErrorCode.valueOf(code);
    }

    /**
     * Turns any failure into a problem. Unexpected failures get a generic detail carrying an incident id (the caller
     * logs the stack trace with it); nothing of their message or stack reaches the client.
     */
    static Problem from(Throwable failure, String instance) {
        if (failure instanceof NorthstarException northstar) {
            return of(northstar.code(), northstar.getMessage(), Optional.ofNullable(northstar.hint()), instance);
        }
        if (failure instanceof ValidationException validation) {
            return invalidRequest(validation, instance);
        }
        if (failure instanceof EndpointNotFound) {
            return of(ErrorCode.RESOURCE_NOT_FOUND, "Nothing is served at " + instance,
                    Optional.of("The API's routes are listed in /api/v1/openapi.json"), instance);
        }
        if (failure instanceof HttpResponseException http) {
            return of(codeOf(http.getStatus()), http.getMessage(), Optional.empty(), instance);
        }
        return internal(UUID.randomUUID().toString(), instance);
    }

    /** The problem reported for an unexpected failure, naming the incident id found in the server log. */
    static Problem internal(String incident, String instance) {
        return of(ErrorCode.INTERNAL, "An unexpected error occurred (incident " + incident + ")",
                Optional.of("The server log holds the details under this incident id"), instance);
    }

    private static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.RESOURCE_NOT_FOUND;
            case 409 -> ErrorCode.ALREADY_EXISTS;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT;
        };
    }

    private static Problem invalidRequest(ValidationException validation, String instance) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (Map.Entry<String, List<ValidationError<Object>>> field : validation.getErrors().entrySet()) {
            String name = "REQUEST_BODY".equals(field.getKey()) ? "body" : field.getKey();
            List<String> messages = new ArrayList<>();
            for (ValidationError<Object> error : field.getValue()) {
                messages.add(describe(error));
            }
            errors.put(name, List.copyOf(messages));
        }
        String detail = errors.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; ", "The request is invalid: ", ""));
        return new Problem(TYPE_PREFIX + ErrorCode.INVALID_ARGUMENT.slug(), ErrorCode.INVALID_ARGUMENT.title(),
                ErrorCode.INVALID_ARGUMENT.httpStatus(), detail, ErrorCode.INVALID_ARGUMENT.name(),
                Optional.of("Fix every field listed in 'errors' and send the request again"), instance,
                Optional.of(errors));
    }

    /** A person-readable message for one validation error; Javalin's own are upper-case keys. */
    private static String describe(ValidationError<Object> error) {
        Object value = error.getValue();
        return switch (error.getMessage()) {
            case "TYPE_CONVERSION_FAILED" -> error.exception() instanceof NumberFormatException
                    ? "'" + value + "' is not a whole number"
                    : "'" + value + "' has the wrong type";
            case "NULLCHECK_FAILED" -> "is required";
            case "DESERIALIZATION_FAILED" -> describeJsonFailure(error.exception());
            default -> error.getMessage();
        };
    }

    /** Jackson's messages name Java classes; this names only what the client sent. */
    static String describeJsonFailure(Exception exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field '" + path + "' has a value of the wrong type";
        }
        if (exception instanceof JsonProcessingException processing && processing.getLocation() != null) {
            JsonLocation location = processing.getLocation();
            return String.format(Locale.ROOT, "is not valid JSON (line %d, column %d)", location.getLineNr(),
                    location.getColumnNr());
        }
        return "is not a valid JSON document";
    }
}
