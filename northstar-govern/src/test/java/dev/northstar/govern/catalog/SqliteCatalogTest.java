package dev.northstar.govern.catalog;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Path;

/** The catalog stores on the embedded SQLite database. */
class SqliteCatalogTest extends CatalogContractTest {
    @Override
    protected LakeConfig freshDatabase(Path home) {
        return LakeConfig.embedded(home);
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }
}
