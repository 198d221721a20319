package dev.northstar.spi.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type that crosses module boundaries. It carries an {@link ErrorCode} (which decides the HTTP
 * status and CLI exit code) and, where one is known, a hint telling the user how to fix the problem.
 */
public class NorthstarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;

    public NorthstarException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public NorthstarException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public NorthstarException(ErrorCode code, String message, String hint, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.hint = hint;
    }

    /** Formats {@code String.format(format, args)} as the message. */
    public static NorthstarException of(ErrorCode code, String format, Object... args) {
        return new NorthstarException(code, String.format(java.util.Locale.ROOT, format, args));
    }

    public ErrorCode code() {
        return code;
    }

    /** How to fix the problem, or {@code null} when there is nothing useful to say. */
    public String hint() {
        return hint;
    }

    /** Checks a condition on an argument, failing with {@link ErrorCode#INVALID_ARGUMENT}. */
    public static void checkArgument(boolean condition, String format, Object... args) {
        if (!condition) {
            throw of(ErrorCode.INVALID_ARGUMENT, format, args);
        }
    }
}
