package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.error.ErrorCode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures leave the server: every exception of every route becomes a {@link Problem}, written as
 * {@code application/problem+json} for the API or as an error page for the console. Stack traces go to the log only.
 */
final class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private final ObjectMapper mapper;
    private final ConsoleLayout layout;

    ErrorHandling(ObjectMapper mapper, ConsoleLayout layout) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.layout = requireNonNull(layout, "layout is null");
    }

    void install(Javalin app) {
        // Javalin maps these two itself unless told otherwise; all three go to the same place.
        app.exception(ValidationException.class, this::handle);
        app.exception(HttpResponseException.class, this::handle);
        app.exception(Exception.class, this::handle);
    }

    private void handle(Exception failure, Context ctx) {
        respond(ctx, problem(failure, ctx));
    }

    /** The problem of a failure, logged as its severity deserves. */
    static Problem problem(Exception failure, Context ctx) {
        Problem problem = Problem.from(failure, ctx.path());
        ErrorCode code = problem.errorCode();
        if (code == ErrorCode.INTERNAL) {
            LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), problem.detail(), failure);
        } else if (code == ErrorCode.UNAVAILABLE) {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), problem.detail(), failure);
        } else {
            LOG.debug("{} {}: {} {}", ctx.method(), ctx.path(), problem.code(), problem.detail());
        }
        return problem;
    }

    private void respond(Context ctx, Problem problem) {
        ctx.status(problem.status());
        if (problem.errorCode() == ErrorCode.UNAUTHENTICATED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"northstar\"");
        }
        if (ConsoleRoutes.isConsole(ctx)) {
            layout.render(ctx, "Error", Optional.empty(), "", ErrorPage.body(problem));
            ctx.status(problem.status());
            return;
        }
        try {
            ctx.contentType(Problem.MEDIA_TYPE).result(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            LOG.error("Cannot write the problem document of {}", ctx.path(), e);
            ctx.contentType("text/plain").result(problem.title());
        }
    }
}
