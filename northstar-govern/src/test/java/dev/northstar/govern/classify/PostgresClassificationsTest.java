package dev.northstar.govern.classify;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * Classification with the catalog and metadata on the local PostgreSQL server, one fresh schema per test. Skipped
 * with a notice without a server, failed when {@code CI=true}.
 */
class PostgresClassificationsTest extends ClassificationsContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresClassificationsTest");

    @Override
    protected LakeConfig freshConfig(Path home) throws Exception {
        return schemas.fresh(LakeConfig.embedded(home));
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
