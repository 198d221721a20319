package dev.northstar.spi.error;

/**
 * Every kind of failure Northstar reports, with the one place its HTTP status and CLI exit code are decided.
 *
 * <p>CLI exit codes: 0 success, 1 internal error, 2 usage error, 3 not found, 4 conflict, 5 invalid input or data,
 * 6 authentication or permission failure, 7 unavailable dependency.
 */
public enum ErrorCode {
    /** A request or command argument is malformed or missing. */
    INVALID_ARGUMENT(400, 2, "Invalid argument"),
    /** Configuration (northstar.yaml or NORTHSTAR_* variables) is invalid. */
    INVALID_CONFIGURATION(400, 2, "Invalid configuration"),
    /** A domain (Iceberg namespace) does not exist. */
    DOMAIN_NOT_FOUND(404, 3, "Domain not found"),
    /** A table does not exist. */
    TABLE_NOT_FOUND(404, 3, "Table not found"),
    /** A snapshot (by id or timestamp) does not exist. */
    SNAPSHOT_NOT_FOUND(404, 3, "Snapshot not found"),
    /** A file named by the user does not exist or cannot be read. */
    FILE_NOT_FOUND(404, 3, "File not found"),
    /** Any other resource named in a request does not exist. */
    RESOURCE_NOT_FOUND(404, 3, "Resource not found"),
    /** A table already exists. */
    TABLE_ALREADY_EXISTS(409, 4, "Table already exists"),
    /** A resource already exists. */
    ALREADY_EXISTS(409, 4, "Already exists"),
    /** A commit lost against a concurrent change and could not be retried. */
    COMMIT_CONFLICT(409, 4, "Commit conflict"),
    /** Rows do not fit the table schema. */
    SCHEMA_MISMATCH(422, 5, "Schema mismatch"),
    /** A schema change is not allowed (e.g. narrowing a type). */
    INVALID_SCHEMA_CHANGE(422, 5, "Invalid schema change"),
    /** SQL could not be parsed or bound. */
    INVALID_SQL(400, 5, "Invalid SQL"),
    /** A data file could not be read (bad format, encoding...). */
    INVALID_DATA(422, 5, "Invalid data"),
    /** A request body (e.g. an uploaded file) is larger than the configured limit. */
    PAYLOAD_TOO_LARGE(413, 5, "Payload too large"),
    /** The request carries no valid credentials. */
    UNAUTHENTICATED(401, 6, "Unauthenticated"),
    /** The principal is not allowed to do this. */
    FORBIDDEN(403, 6, "Forbidden"),
    /** A backing service (database, object store) is unreachable. */
    UNAVAILABLE(503, 7, "Service unavailable"),
    /** A bug or an unexpected failure. */
    INTERNAL(500, 1, "Internal error");

    private final int httpStatus;
    private final int exitCode;
    private final String title;

    ErrorCode(int httpStatus, int exitCode, String title) {
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
        this.title = title;
    }

    /** HTTP status of a problem document for this error. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Process exit code of a CLI command failing with this error. */
    public int exitCode() {
        return exitCode;
    }

    /** Short human title, used as the problem document's {@code title}. */
    public String title() {
        return title;
    }

    /** Stable problem type URI path segment, e.g. {@code table-not-found}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
