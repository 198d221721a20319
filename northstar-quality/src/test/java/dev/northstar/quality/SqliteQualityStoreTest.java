package dev.northstar.quality;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The quality stores on the embedded SQLite database. */
class SqliteQualityStoreTest extends QualityStoreContractTest {
    @TempDir
    Path temporaryDirectory;

    private int databases;

    @Override
    protected LakeConfig freshDatabase() throws Exception {
        databases++;
        return LakeConfig.embedded(Files.createDirectories(temporaryDirectory.resolve("home-" + databases)));
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }
}
