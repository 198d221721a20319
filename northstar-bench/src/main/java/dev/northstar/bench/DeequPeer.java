package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Deequ side of {@link QualityBenchmark}: the main class of the {@code northstar-bench-deequ} module
 * ({@code dev.northstar.bench.deequ.DeequChecks}) in a child JVM on that module's classpath, so that Spark, Scala and
 * Deequ never load into Northstar's JVM. The module is built only with the Maven profile {@code deequ}; when its
 * jar or classpath file is missing, or older than the module's sources or the poms, this builds it first
 * ({@code mvn -q -B -Pdeequ -pl northstar-bench-deequ -am package -DskipTests} in the repository), as the
 * {@code ./northstar} launcher builds itself.
 *
 * @param repository the Northstar source tree holding {@code northstar-bench-deequ}
 */
public record DeequPeer(Path repository) {
    /** The module's folder name in the repository. */
    public static final String MODULE = "northstar-bench-deequ";
    static final String MAIN_CLASS = "dev.northstar.bench.deequ.DeequChecks";
    /** Packages Spark 3.5 reflects into on JDK 17 (Spark's own launcher passes the same). */
    private static final List<String> OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/jdk.internal.ref", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
            "java.base/sun.security.action", "java.base/sun.util.calendar");

    public DeequPeer {
        requireNonNull(repository, "repository is null");
    }

    /**
     * The repository above the first of the given places (a jar or folder of the running distribution, the working
     * directory) that has a {@value #MODULE} folder with a {@code pom.xml}.
     */
    public static Optional<DeequPeer> find(List<Path> places) {
        for (Path place : places) {
            for (Path directory = place.toAbsolutePath(); directory != null; directory = directory.getParent()) {
                if (Files.isRegularFile(directory.resolve(MODULE).resolve("pom.xml"))) {
                    return Optional.of(new DeequPeer(directory));
                }
            }
        }
        return Optional.empty();
    }

    public Path moduleDirectory() {
        return repository.resolve(MODULE);
    }

    /**
     * What the Deequ side measured, or why it could not.
     *
     * @param medianSeconds median wall time of reading the files and running the verification suite
     * @param runSeconds each timed run
     * @param metrics the metric values, named as Northstar names them
     * @param status Deequ's verification status ({@code Success}, {@code Warning}, {@code Error})
     * @param failure why there is no measurement
     */
    public record Outcome(Optional<Double> medianSeconds, List<Double> runSeconds, Map<String, Double> metrics,
            String status, Optional<String> failure) {
        public Outcome {
            requireNonNull(medianSeconds, "medianSeconds is null");
            runSeconds = List.copyOf(runSeconds);
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            requireNonNull(status, "status is null");
            requireNonNull(failure, "failure is null");
        }

        public static Outcome failed(String why) {
            return new Outcome(Optional.empty(), List.of(), Map.of(), "", Optional.of(why));
        }
    }

    /**
     * Runs the checks over the files in a child JVM; Spark's log goes to {@code log}.
     *
     * @return the measurement, or a failure naming the cause and the log (never a guessed number)
     */
    public Outcome run(List<Path> files, int runs, Path log) {
        Path jar = moduleDirectory().resolve("target").resolve(MODULE + "-0.1.0-SNAPSHOT.jar");
        Path classpathFile = moduleDirectory().resolve("target").resolve("runtime-classpath.txt");
        try {
            if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpathFile) || changedSince(jar)) {
                Optional<String> failure = build(log);
                if (failure.isPresent()) {
                    return Outcome.failed(failure.get());
                }
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx4g");
            command.add("-XX:+IgnoreUnrecognizedVMOptions");
            for (String open : OPENS) {
                command.add("--add-opens=" + open + "=ALL-UNNAMED");
            }
            command.add("-Djdk.reflect.useDirectMethodHandle=false");
            command.add("-cp");
            command.add(jar + File.pathSeparator + Files.readString(classpathFile).trim());
            command.add(MAIN_CLASS);
            command.add(Integer.toString(runs));
            files.forEach(file -> command.add(file.toString()));
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            String out;
            try (InputStream stdout = process.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = process.waitFor();
            if (exit != 0) {
                return Outcome.failed("the Deequ JVM exited with status " + exit + ": " + tail(log));
            }
            return parse(out, log);
        } catch (IOException e) {
            return Outcome.failed("the Deequ JVM could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted while the Deequ JVM ran");
        }
    }

    /** Whether the module's pom or sources changed after its jar was built (a stale peer must not run). */
    private boolean changedSince(Path jar) throws IOException {
        FileTime built = Files.getLastModifiedTime(jar);
        List<Path> inputs = new ArrayList<>(List.of(moduleDirectory().resolve("pom.xml"),
                repository.resolve("pom.xml")));
        Path sources = moduleDirectory().resolve("src");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(Files::isRegularFile).forEach(inputs::add);
            }
        }
        for (Path input : inputs) {
            if (Files.isRegularFile(input) && Files.getLastModifiedTime(input).compareTo(built) > 0) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> build(Path log) throws IOException, InterruptedException {
        List<String> command = List.of("mvn", "-q", "-B", "-Pdeequ", "-pl", MODULE, "-am", "package",
                "-DskipTests");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return Optional.of("the " + MODULE + " module is not built and Maven could not start (" + e.getMessage()
                    + "); build it with: cd " + repository + " && " + String.join(" ", command));
        }
        int exit = process.waitFor();
        if (exit != 0) {
            return Optional.of("building " + MODULE + " failed (" + String.join(" ", command) + " in " + repository
                    + "): " + tail(log));
        }
        return Optional.empty();
    }

    static Outcome parse(String out, Path log) {
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        if (!last.startsWith("{")) {
            return Outcome.failed("the Deequ JVM printed no JSON result (last line '" + last + "'): " + tail(log));
        }
        try {
            JsonNode json = new ObjectMapper().readTree(last);
            List<Double> runs = new ArrayList<>();
            json.get("runs_s").forEach(value -> runs.add(value.asDouble()));
            Map<String, Double> metrics = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = json.get("metrics").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                metrics.put(field.getKey(), field.getValue().asDouble());
            }
            return new Outcome(Optional.of(json.get("deequ_s").asDouble()), runs, metrics,
                    json.get("status").asText(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return Outcome.failed("the Deequ JVM's result '" + last + "' is not the expected JSON: " + e.getMessage());
        }
    }

    /** The last lines of a log, for a failure message. */
    private static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no output)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            // Maven colours its errors: keep the text, drop the terminal escape sequences.
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()))
                    .replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }
}
