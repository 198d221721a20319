package dev.northstar.govern.audit;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import java.nio.file.Path;

/**
 * The audit log on the local PostgreSQL server, one fresh schema per test. Skipped with a notice without a server,
 * failed when {@code CI=true}.
 */
class PostgresAuditLogTest extends AuditLogContractTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresAuditLogTest");

    @Override
    protected LakeConfig freshDatabase(Path home) throws Exception {
        return schemas.fresh(LakeConfig.embedded(home));
    }

    @Override
    protected void dropDatabases() throws Exception {
        schemas.dropAll();
    }
}
