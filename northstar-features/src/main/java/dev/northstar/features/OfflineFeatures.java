package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.GovernedTable;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The offline side of the feature store, computed in DuckDB over the lake's Iceberg tables.
 *
 * <p>Training sets are read on behalf of a principal, so they go through the {@link SqlGateway}: the spine and every
 * source table are read with the principal's masks, row filters and denials, and a training set is written with
 * {@link SqlGateway#createTableAs} into one of the principal's own domains (large sets stay in DuckDB and Parquet)
 * or returned by {@link SqlGateway#query} when small. {@link #materialise} is a platform job: it reads the source
 * directly through the lake and writes {@code features.<view>}.
 */
public final class OfflineFeatures {
    /** The domain of materialised feature tables. */
    public static final String DOMAIN = "features";

    private final Lakehouse lake;
    private final SqlGateway gateway;

    public OfflineFeatures(Lakehouse lake, SqlGateway gateway) {
        this.lake = requireNonNull(lake, "lake is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
    }

    /**
     * Materialises a view to {@code features.<view>} (replacing the table): the entity columns, the event time and
     * every feature as of each source event (strictly before it: an event is not its own history).
     */
    public TableFromQuery materialise(FeatureView view, WriteOptions options) {
        requireNonNull(view, "view is null");
        ResolvedView resolved = ResolvedView.resolve(view, sql -> lake.query(sql, QueryOptions.defaults()).columns());
        StringBuilder spine = new StringBuilder("SELECT ");
        for (String entity : view.entities()) {
            spine.append(FeatureSql.quote(entity)).append(", ");
        }
        spine.append(FeatureSql.quote(view.timestamp())).append(" FROM ").append(view.source()).append(" WHERE ")
                .append(FeatureSql.notNull(view));
        String sql = FeatureSql.trainingSet(spine.toString(), view.timestamp(), List.of(resolved));
        TableId target = view.materialisedTable();
        if (lake.exists(target)) {
            lake.dropTable(target);
        }
        return lake.createTableAs(target, sql, QueryOptions.defaults(),
                options.withSummary(Map.of("northstar.feature-view", view.name())));
    }

    /** The SQL of a training set, as {@link #createTrainingSet} runs it through the gateway (for review and tests). */
    public String trainingSetSql(Principal principal, Optional<String> purpose, Spine spine, List<FeatureView> views) {
        List<ResolvedView> resolved = resolve(principal, purpose, spine, views);
        return FeatureSql.trainingSet(spine.sql(), spine.timestamp(), resolved);
    }

    /**
     * Builds a point-in-time-correct training set as a new table in one of the principal's own domains: each spine
     * row with each view's features as of the row's time.
     *
     * @throws NorthstarException {@code FORBIDDEN} (a table or column the principal may not read, or a target outside
     *     its domains), {@code INVALID_ARGUMENT} (a spine without the entity or time columns, feature names that
     *     collide), {@code INVALID_CONFIGURATION} (a view that does not fit its source)
     */
    public GovernedTable createTrainingSet(Principal principal, Optional<String> purpose, Spine spine,
            List<FeatureView> views, TableId target, WriteOptions options) {
        String sql = trainingSetSql(principal, purpose, spine, views);
        return gateway.createTableAs(principal, purpose, target, sql, options);
    }

    /** Like {@link #createTrainingSet}, returning the rows (at most {@code options.maxRows()}) for small sets. */
    public GovernedQuery trainingSet(Principal principal, Optional<String> purpose, Spine spine,
            List<FeatureView> views, QueryOptions options) {
        String sql = trainingSetSql(principal, purpose, spine, views);
        return gateway.query(principal, purpose, sql, options);
    }

    private List<ResolvedView> resolve(Principal principal, Optional<String> purpose, Spine spine,
            List<FeatureView> views) {
        requireNonNull(principal, "principal is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(spine, "spine is null");
        NorthstarException.checkArgument(!views.isEmpty(), "A training set needs at least one feature view");
        List<String> spineColumns = gateway.query(principal, purpose, "SELECT * FROM (" + spine.sql() + ") LIMIT 0",
                QueryOptions.defaults()).result().columns().stream().map(column -> column.name()).toList();
        Map<String, String> owners = new HashMap<>();
        spineColumns.forEach(column -> owners.put(column.toLowerCase(Locale.ROOT), "the spine"));
        if (!spineColumns.contains(spine.timestamp())) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The spine has no time column '"
                    + spine.timestamp() + "'", "Its columns are " + spineColumns + "; name one as the spine's time");
        }
        for (String column : spineColumns) {
            if (column.startsWith(FeatureSql.RESERVED)) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Spine column '" + column
                        + "' starts with '__', which the feature store reserves", "Rename it in the spine query");
            }
        }
        for (FeatureView view : views) {
            for (String entity : view.entities()) {
                if (!spineColumns.contains(entity)) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The spine has no column '" + entity
                            + "', the entity of feature view " + view.name(), "Its columns are " + spineColumns
                            + "; select the entity key under the name '" + entity + "'");
                }
            }
            for (String feature : view.featureNames()) {
                String owner = owners.putIfAbsent(feature.toLowerCase(Locale.ROOT), "feature view " + view.name());
                if (owner != null) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Column '" + feature + "' of feature view "
                            + view.name() + " collides with " + owner, "Rename the feature or the spine column");
                }
            }
        }
        return views.stream().map(view -> ResolvedView.resolve(view,
                sql -> gateway.query(principal, purpose, sql, QueryOptions.defaults()).result().columns())).toList();
    }
}
