package dev.northstar.contracts;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * The product registry with its catalog and metadata on the local PostgreSQL server, in a fresh schema per test.
 * Skipped with a notice without a server, failing when {@code CI=true}.
 */
class PostgresProductRegistryTest extends ProductRegistryContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresProductRegistryTest");

    @Override
    protected LakeConfig freshConfig(Path home) throws Exception {
        return schemas.fresh(LakeConfig.embedded(home));
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
