package dev.northstar.govern.catalog;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * The catalog stores on the local PostgreSQL server, one fresh schema per test (the Iceberg catalog in the same
 * schema, so the fingerprint reads its table). Skipped with a notice without a server, failed when {@code CI=true}.
 */
class PostgresCatalogTest extends CatalogContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresCatalogTest");

    @Override
    protected LakeConfig freshDatabase(Path home) throws Exception {
        return schemas.fresh(LakeConfig.embedded(home));
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
