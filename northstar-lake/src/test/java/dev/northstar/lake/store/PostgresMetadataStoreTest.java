package dev.northstar.lake.store;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * The metadata store contract on the local PostgreSQL server (see {@link LocalPostgres}). Each database is a fresh
 * schema, dropped after the test, so runs never see each other's rows. Without a reachable server the tests are
 * skipped with a notice, or fail when {@code CI=true}.
 */
class PostgresMetadataStoreTest extends MetadataStoreContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresMetadataStoreTest");

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
