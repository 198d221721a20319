package dev.northstar.cockpit;

import java.util.OptionalDouble;

/**
 * Run costs the platform measured for one of its assets, annualised, in the price model's currency: what a business
 * case uses for the cloud and data costs of the data products and models a use case links to, instead of a figure
 * typed by hand. FinOps implements it from storage and compute telemetry; {@link #NONE} measures nothing.
 */
@FunctionalInterface
public interface MeasuredCosts {
    /** Measures nothing: every business case keeps its declared costs. */
    MeasuredCosts NONE = (kind, name) -> OptionalDouble.empty();

    /**
     * The measured annual cost of an asset.
     *
     * @param kind {@code product} (a data product or table, by its qualified name such as {@code retail.orders}) or
     *     {@code model} (a registered model, by name)
     * @param name the asset's name
     * @return the annualised measured cost, empty when the platform has measured nothing for it
     */
    OptionalDouble annualCost(String kind, String name);
}
