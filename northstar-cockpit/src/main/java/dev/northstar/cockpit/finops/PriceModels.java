package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.kpi.DefinitionStore;
import dev.northstar.cockpit.kpi.Parsed;
import dev.northstar.lake.store.MetadataDatabase;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * The price models applied ({@code kind: PriceModel}); the most recently applied one is in force,
 * {@link PriceModel#DEFAULT} until one is. A YAML kind rather than settings keys: prices are a decision of the
 * organisation, reviewed and versioned with the rest of the project folder, and changing them needs no restart.
 */
public final class PriceModels implements Supplier<PriceModel> {
    private final DefinitionStore definitions;

    public PriceModels(MetadataDatabase database, Clock clock) {
        this.definitions = new DefinitionStore(requireNonNull(database, "database is null"), clock);
    }

    /** Parses a {@code kind: PriceModel} document. */
    public static Parsed<PriceModel> parse(String source, String yaml) {
        return PriceModel.parse(source, yaml);
    }

    /** Stores a price model's document (unless {@code dryRun}); one line says what changed. */
    public String apply(PriceModel model, String yaml, String by, boolean dryRun) {
        requireNonNull(model, "model is null");
        return definitions.apply(PriceModel.KIND, model.name(), yaml, by, dryRun);
    }

    /** The price model in force. */
    @Override
    public PriceModel get() {
        return definitions.list(PriceModel.KIND).stream()
                .max(Comparator.comparing(DefinitionStore.Stored::appliedAt)
                        .thenComparing(DefinitionStore.Stored::name))
                .map(stored -> PriceModel.parse(stored.name(), stored.yaml()).orThrow())
                .orElse(PriceModel.DEFAULT);
    }
}
