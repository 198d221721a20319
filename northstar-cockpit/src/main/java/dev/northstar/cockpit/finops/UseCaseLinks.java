package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The assets each use case of the portfolio links to, as FinOps reads them: the portfolio implements it from its
 * own tables, so that cost attribution does not depend on the portfolio's classes. {@link #NONE} links nothing.
 */
@FunctionalInterface
public interface UseCaseLinks {
    /** No use cases. */
    UseCaseLinks NONE = Map::of;

    /**
     * An asset a use case links to.
     *
     * @param kind {@code product} (a data product {@code domain.product} or a table {@code domain.table}) or
     *     {@code model} (a registered model's name)
     * @param name the asset's name
     */
    record Asset(String kind, String name) {
        public Asset {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
        }
    }

    /** Use case id to the assets it links to. */
    Map<String, List<Asset>> links();
}
