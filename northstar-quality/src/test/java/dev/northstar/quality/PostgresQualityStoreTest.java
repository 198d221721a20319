package dev.northstar.quality;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality stores on the local PostgreSQL server, one fresh schema per test. Skipped with a notice without a
 * server, failed when {@code CI=true}.
 */
class PostgresQualityStoreTest extends QualityStoreContractTest {
    private final List<String> schemas = new ArrayList<>();

    @Override
    protected LakeConfig freshDatabase() throws Exception {
        LocalPostgres.require("PostgresQualityStoreTest");
        String schema = LocalPostgres.createSchema();
        schemas.add(schema);
        return LocalPostgres.config(
                LakeConfig.embedded(Path.of(System.getProperty("java.io.tmpdir"), "northstar-postgres-test")), schema);
    }

    @Override
    protected void dropDatabases() throws Exception {
        for (String schema : schemas) {
            LocalPostgres.dropSchema(schema);
        }
        schemas.clear();
    }
}
