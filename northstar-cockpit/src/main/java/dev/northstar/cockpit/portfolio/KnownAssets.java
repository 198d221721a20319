package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.spi.schema.TableId;

/**
 * Which data products and models exist on the platform, so that a use case linking to one that does not (yet) exist
 * is applied with a warning.
 */
public interface KnownAssets {
    /** Knows every asset: no warnings. */
    KnownAssets ALL = new KnownAssets() {
        @Override
        public boolean product(String name) {
            return true;
        }

        @Override
        public boolean model(String name) {
            return true;
        }
    };

    /** Whether a data product's table ({@code domain.table}) exists in the lakehouse catalog. */
    boolean product(String name);

    /** Whether a model of this name is registered. */
    boolean model(String name);

    /** The lakehouse's tables and the model registry of the metadata database. */
    static KnownAssets of(Lakehouse lake, MetadataDatabase database) {
        requireNonNull(lake, "lake is null");
        requireNonNull(database, "database is null");
        ModelRegistry registry = new ModelRegistry(database, new AuditLog(database));
        return new KnownAssets() {
            @Override
            public boolean product(String name) {
                try {
                    return lake.exists(TableId.parse(name));
                } catch (RuntimeException e) {
                    return false;
                }
            }

            @Override
            public boolean model(String name) {
                return registry.models().contains(name);
            }
        };
    }
}
