package dev.northstar.contracts;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Path;

/** The product registry on the embedded SQLite catalog. */
class SqliteProductRegistryTest extends ProductRegistryContractTest {
    @Override
    protected LakeConfig freshConfig(Path home) {
        return LakeConfig.embedded(home);
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }
}
