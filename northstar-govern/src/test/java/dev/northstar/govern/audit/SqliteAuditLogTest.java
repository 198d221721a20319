package dev.northstar.govern.audit;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Path;

/** The audit log on the embedded SQLite database. */
class SqliteAuditLogTest extends AuditLogContractTest {
    @Override
    protected LakeConfig freshDatabase(Path home) {
        return LakeConfig.embedded(home);
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }
}
