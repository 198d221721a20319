package dev.northstar.govern.classify;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Path;

/** Classification on the embedded SQLite metadata database. */
class SqliteClassificationsTest extends ClassificationsContractTest {
    @Override
    protected LakeConfig freshConfig(Path home) {
        return LakeConfig.embedded(home);
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }
}
