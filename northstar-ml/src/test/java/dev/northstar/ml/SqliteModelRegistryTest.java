package dev.northstar.ml;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Path;

/** The model registry on the embedded SQLite database. */
class SqliteModelRegistryTest extends ModelRegistryContractTest {
    @Override
    protected LakeConfig freshDatabase(Path home) {
        return LakeConfig.embedded(home);
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }
}
