package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.CockpitDocument;
import dev.northstar.cockpit.MeasuredCosts;
import dev.northstar.cockpit.portfolio.KnownAssets;
import dev.northstar.cockpit.portfolio.Portfolio;
import dev.northstar.cockpit.portfolio.UseCaseParser;
import dev.northstar.cockpit.portfolio.UseCaseViews;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The use-case portfolio over HTTP: the ranked list with scores, quadrant and business-case figures, one use case with
 * its risks, links and history, and applying or deleting {@code kind: UseCase} documents (steward or admin, see
 * {@link RoleGate}; recorded in the audit log by {@link ChangeTrail}).
 */
final class UseCaseRoutes {
    static final String API = ApiRoutes.PREFIX + "/usecases";
    private static final String TAG = "Portfolio";
    private static final String YAML = "text/yaml";

    private final Optional<Portfolio> portfolio;

    UseCaseRoutes(Lakehouse lakehouse, MetadataStore store) {
        this(lakehouse, store, MeasuredCosts.NONE);
    }

    UseCaseRoutes(Lakehouse lakehouse, MetadataStore store, MeasuredCosts measured) {
        requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        requireNonNull(measured, "measured is null");
        this.portfolio = store instanceof JdbcMetadataStore jdbc ? Optional.of(new Portfolio(jdbc.database(),
                KnownAssets.of(lakehouse, jdbc.database()), measured)) : Optional.empty();
    }

    /** Over the cockpit's portfolio (costed with measured figures), when the server has the JDBC store. */
    UseCaseRoutes(Optional<Portfolio> portfolio) {
        this.portfolio = requireNonNull(portfolio, "portfolio is null");
    }

    private Portfolio portfolio() {
        return portfolio.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "The use-case portfolio needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    /** The API routes. */
    List<ApiRoute> api() {
        ApiRoute.Parameter id = ApiRoute.Parameter.path("id", "Use case id (a slug)");
        ApiRoute.Parameter dryRun = ApiRoute.Parameter.query("dry_run", "boolean", "Check and say what would be"
                + " stored, store nothing");
        return List.of(
                ApiRoute.get(API, "listUseCases", "The use-case portfolio in rank order: impact and feasibility"
                                + " scores, quadrant, status, time-to-value, and the business case's ROI, payback and"
                                + " NPV (base scenario, and each scenario under 'scenarios')", TAG,
                        UseCaseBodies.UseCaseList.class, this::list),
                ApiRoute.get(API + "/{id}", "describeUseCase", "One use case: scores and criteria, business case"
                                + " lines (declared or measured) and figures per scenario, risks, links, North Star"
                                + " metric, dates and version history", TAG, UseCaseViews.UseCaseDetail.class,
                        this::describe).withParameter(id),
                ApiRoute.post(API, "applyUseCase", "Checks and stores a kind: UseCase YAML document (a new version"
                                + " when its text changed); steward or admin", TAG, String.class,
                        UseCaseBodies.UseCaseApplied.class, this::apply)
                        .withTextRequest(YAML).withParameter(dryRun),
                new ApiRoute(HandlerType.PUT, API + "/{id}", "putUseCase", "Like POST, for the use case named in"
                        + " the path (the document's id must match); steward or admin", TAG, Access.API,
                        List.of(id, dryRun), Optional.of(String.class), YAML,
                        Optional.of(UseCaseBodies.UseCaseApplied.class), "application/json", this::put),
                new ApiRoute(HandlerType.DELETE, API + "/{id}", "deleteUseCase", "Deletes a use case (its history is"
                        + " kept); refused while another use case depends on it; steward or admin", TAG, Access.API,
                        List.of(id), Optional.empty(), "application/json",
                        Optional.of(UseCaseBodies.UseCaseDeleted.class), "application/json", this::delete));
    }

    private void list(Context ctx) {
        ctx.json(new UseCaseBodies.UseCaseList(portfolio().list().stream().map(UseCaseViews::summary).toList()));
    }

    private void describe(Context ctx) {
        String id = ctx.pathParam("id");
        Portfolio portfolio = portfolio();
        ctx.json(UseCaseViews.detail(portfolio.get(id), portfolio.history(id), portfolio.statusHistory(id)));
    }

    private void apply(Context ctx) {
        ctx.json(store(ctx, Optional.empty()));
    }

    private void put(Context ctx) {
        ctx.json(store(ctx, Optional.of(ctx.pathParam("id"))));
    }

    private UseCaseBodies.UseCaseApplied store(Context ctx, Optional<String> pathId) {
        String yaml = ctx.body();
        if (yaml.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The request has no body",
                    "Send a kind: UseCase YAML document as text/yaml");
        }
        boolean dryRun = Boolean.parseBoolean(Optional.ofNullable(ctx.queryParam("dry_run")).orElse("false"));
        if (pathId.isPresent()) {
            String declared = UseCaseParser.parse(yaml, "request").id();
            if (!declared.equals(pathId.get())) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The document's id '" + declared
                        + "' is not the id in the path '" + pathId.get() + "'", "PUT it to " + API + "/" + declared
                        + ", or POST it to " + API);
            }
        }
        Portfolio.Applied applied = portfolio().apply(new CockpitDocument("request", yaml),
                Authentication.principal(ctx).name(), dryRun);
        return new UseCaseBodies.UseCaseApplied(applied.id(), applied.version(),
                applied.change().name().toLowerCase(Locale.ROOT), dryRun,
                applied.warnings().stream().map(UseCaseBodies.UseCaseWarning::of).toList());
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        Portfolio.Version deleted = portfolio().delete(id, Authentication.principal(ctx).name());
        ctx.json(new UseCaseBodies.UseCaseDeleted(id, deleted.version()));
    }
}
