package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the {@code ./northstar} launcher script runs the packaged distribution (target/northstar-cli.jar and
 * target/lib, built by the package phase before this integration test) as a user would.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "northstar").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    /**
     * Output and exit code of a launcher run.
     *
     * @param exitCode exit code
     * @param out stdout
     * @param err stderr
     */
    record Result(int exitCode, String out, String err) {}

    private Result northstar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("out.txt").toFile())
                .redirectError(directory.resolve("err.txt").toFile());
        builder.environment().remove("NORTHSTAR_HOME");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("launcher finished in time").isTrue();
        return new Result(process.exitValue(),
                Files.readString(directory.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(directory.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void launcherIsPackagedAndExecutable() {
        assertThat(LAUNCHER).isExecutable();
        assertThat(Path.of("target", "northstar-cli.jar")).isRegularFile();
        assertThat(Path.of("target", "lib")).isDirectory();
    }

    @Test
    void printsTheVersionWithoutBuilding() throws Exception {
        Result result = northstar("version");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("northstar ").contains("DuckDB JDBC");
        assertThat(result.err()).doesNotContain("Building Northstar");
    }

    @Test
    void initializesLoadsAndQueriesFromAnyDirectory() throws Exception {
        Files.writeString(directory.resolve("cities.csv"), "city,population\nParis,2102650\nLyon,522250\n");

        Result init = northstar("init");
        Result load = northstar("load", "cities.csv", "--table", "geo.cities", "--create");
        Result sql = northstar("sql", "SELECT city, population FROM geo.cities ORDER BY population DESC");
        Result error = northstar("sql", "SELECT * FROM geo.citie");

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(directory.resolve("northstar-data").resolve("northstar.yaml")).isRegularFile();
        assertThat(load.exitCode()).as(load.err()).isZero();
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).isEqualTo("""
                 city  | population
                -------+------------
                 Paris |    2102650
                 Lyon  |     522250
                """);
        assertThat(sql.err()).matches("\\(2 rows, \\d+ ms\\)\\n");
        assertThat(error.exitCode()).isEqualTo(3);
        assertThat(error.err()).startsWith("error: ").contains("geo.cities").doesNotContain("\tat ");
    }
}
