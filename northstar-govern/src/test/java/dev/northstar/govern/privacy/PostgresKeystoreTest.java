package dev.northstar.govern.privacy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;

/**
 * {@link KeystoreTest} with the Iceberg catalog and the metadata database on the local PostgreSQL server, one fresh schema per
 * test. Skipped with a notice without a server, failed when {@code CI=true}.
 */
class PostgresKeystoreTest extends KeystoreTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresKeystoreTest");

    @Override
    protected LakeConfig config(LakeConfig embedded) throws Exception {
        return schemas.fresh(embedded);
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
