package dev.northstar.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * A Hadoop-free {@link FileIO} for a local warehouse. Locations are {@code file:/absolute/path} URIs (what Spark,
 * Trino and PyIceberg expect) or plain absolute paths. Avoiding HadoopFileIO keeps the embedded platform free of
 * Hadoop's file-system layer and its JDK-version issues, and starts faster.
 */
public final class LocalFileIO implements FileIO, SupportsPrefixOperations {
    private static final long serialVersionUID = 1L;

    /** Creates the IO; public and no-argument so Iceberg can instantiate it by class name. */
    public LocalFileIO() {}

    @Override
    public void initialize(Map<String, String> properties) {
        // no properties
    }

    /** Local path of a location ({@code file:/x}, {@code file:///x} or {@code /x}). */
    public static Path path(String location) {
        if (location.startsWith("file://")) {
            return Path.of(location.substring("file://".length()));
        }
        if (location.startsWith("file:")) {
            return Path.of(location.substring("file:".length()));
        }
        return Path.of(location);
    }

    /** Location URI of a local path. */
    public static String location(Path path) {
        return "file:" + path.toAbsolutePath().normalize();
    }

    @Override
    public InputFile newInputFile(String location) {
        return new LocalInput(location);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return new LocalInput(location);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        Path target = path(location);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + target.getParent(), e);
        }
        return new LocalOutput(location);
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(path(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + location, e);
        }
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        Path root = path(prefix);
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    return new FileInfo(location(file), attributes.size(), attributes.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + prefix, e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        Path root = path(prefix);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + prefix, e);
        }
    }

    /** Input file that keeps the caller's location string, which Iceberg compares against manifests. */
    private static final class LocalInput implements InputFile {
        private final String location;
        private final InputFile delegate;

        LocalInput(String location) {
            this.location = location;
            this.delegate = org.apache.iceberg.Files.localInput(path(location).toFile());
        }

        @Override
        public long getLength() {
            return delegate.getLength();
        }

        @Override
        public org.apache.iceberg.io.SeekableInputStream newStream() {
            return delegate.newStream();
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public boolean exists() {
            return delegate.exists();
        }
    }

    /** Output file that keeps the caller's location string. */
    private static final class LocalOutput implements OutputFile {
        private final String location;
        private final OutputFile delegate;

        LocalOutput(String location) {
            this.location = location;
            this.delegate = org.apache.iceberg.Files.localOutput(path(location).toFile());
        }

        @Override
        public org.apache.iceberg.io.PositionOutputStream create() {
            return delegate.create();
        }

        @Override
        public org.apache.iceberg.io.PositionOutputStream createOrOverwrite() {
            return delegate.createOrOverwrite();
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public InputFile toInputFile() {
            return new LocalInput(location);
        }
    }
}
