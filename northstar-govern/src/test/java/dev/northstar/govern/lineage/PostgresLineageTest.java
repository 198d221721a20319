package dev.northstar.govern.lineage;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;

/**
 * Lineage end to end with the Iceberg catalog and the metadata database (ns_lineage_events) on the local PostgreSQL
 * server, one fresh schema per test. Skipped with a notice without a server, failed when {@code CI=true}.
 */
class PostgresLineageTest extends LineageTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresLineageTest");

    @Override
    protected LakeConfig config(LakeConfig embedded) throws Exception {
        return schemas.fresh(embedded);
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
