package dev.northstar.contracts;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The product registry with its catalog and metadata on the local PostgreSQL server, in a fresh schema per test.
 * Skipped with a notice without a server, failing when {@code CI=true}.
 */
class PostgresProductRegistryTest extends ProductRegistryContractTest {
    private final List<String> schemas = new ArrayList<>();

    @Override
    protected LakeConfig freshConfig(Path home) throws Exception {
        LocalPostgres.require("PostgresProductRegistryTest");
        String schema = LocalPostgres.createSchema();
        schemas.add(schema);
        return LocalPostgres.config(LakeConfig.embedded(home), schema);
    }

    @Override
    protected void dropDatabases() throws Exception {
        for (String schema : schemas) {
            LocalPostgres.dropSchema(schema);
        }
        schemas.clear();
    }
}
