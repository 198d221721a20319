package dev.northstar.quality;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * The quality stores on the local PostgreSQL server, one fresh schema per test. Skipped with a notice without a
 * server, failed when {@code CI=true}.
 */
class PostgresQualityStoreTest extends QualityStoreContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresQualityStoreTest");

    @Override
    protected LakeConfig freshDatabase() throws Exception {
        // The home only matters to SQLite; the catalog URL points at the new schema.
        return schemas.fresh(
                LakeConfig.embedded(Path.of(System.getProperty("java.io.tmpdir"), "northstar-postgres-test")));
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
