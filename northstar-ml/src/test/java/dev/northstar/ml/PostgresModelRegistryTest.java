package dev.northstar.ml;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * The model registry on the local PostgreSQL server, one fresh schema per test. Skipped with a notice without a
 * server, failed when {@code CI=true}.
 */
class PostgresModelRegistryTest extends ModelRegistryContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresModelRegistryTest");

    @Override
    protected LakeConfig freshDatabase(Path home) throws Exception {
        return schemas.fresh(LakeConfig.embedded(home));
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
